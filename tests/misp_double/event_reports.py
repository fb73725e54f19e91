"""Event reports in the MISP double (13): merged with an event, and their own view/add/edit/index/delete
endpoints."""

from __future__ import annotations

from typing import Any

from .rules import ORG, as_bool, error


class EventReports:
    """The event report part of `MispModel` (which holds `events`, `lock` and `clock`)."""

    def _merge_reports(self, event: dict[str, Any], sent_list: list[dict[str, Any]], now: int) -> None:
        for sent in sent_list:
            stored = next((r for r in event["EventReport"] if r["uuid"] == sent.get("uuid")), None)
            if stored is None:
                stored = {
                    "id": self._next("report"),
                    "uuid": sent.get("uuid"),
                    "event_id": event["id"],
                    "name": "",
                    "content": "",
                    "distribution": str(sent.get("distribution", 0)),
                    "sharing_group_id": "0",
                    "timestamp": str(now),
                    "deleted": False,
                }
                event["EventReport"].append(stored)
            else:
                # Observed in 05: an edit without a distribution stores "5".
                stored["distribution"] = str(sent.get("distribution", 5))
            for key in ("name", "content"):
                if key in sent:
                    stored[key] = sent[key]
            if "deleted" in sent:
                stored["deleted"] = as_bool(sent["deleted"])
            stored["timestamp"] = str(now)

    def _find_report(self, ref: str, url: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for event in self.events.values():
            for report in event["EventReport"]:
                if ref in (report["id"], report["uuid"]):
                    return event, report
        raise error(404, "Invalid report", url)

    @staticmethod
    def _report_answer(event: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
        org = {"id": ORG["id"], "name": ORG["name"]}
        return {
            "EventReport": dict(report),
            "Event": {
                "id": event["id"],
                "orgc_id": "1",
                "org_id": "1",
                "info": event["info"],
                "user_id": "1",
                "date": event["date"],
                "Org": org,
                "Orgc": org,
            },
            "SharingGroup": {"id": None, "name": None, "uuid": None},
        }

    def view_report(self, ref: str) -> dict[str, Any]:
        with self.lock:
            return self._report_answer(*self._find_report(ref, f"/eventReports/view/{ref}"))

    def add_report(self, event_ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            event = self.find(event_ref, f"/eventReports/add/{event_ref}")
            self._merge_reports(event, [{"distribution": 5, **sent.get("EventReport", sent)}], self.clock())
            event["timestamp"] = str(self.clock())
            return self._report_answer(event, event["EventReport"][-1])

    def edit_report(self, ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            event, report = self._find_report(ref, f"/eventReports/edit/{ref}")
            self._merge_reports(
                event,
                [{"distribution": report["distribution"], **sent.get("EventReport", sent), "uuid": report["uuid"]}],
                self.clock(),
            )
            return self._report_answer(event, report)

    def list_reports(self, event_ref: str) -> list[dict[str, Any]]:
        with self.lock:
            event = self.find(event_ref, f"/eventReports/index/event_id:{event_ref}")
            return [
                {**self._report_answer(event, r), "RelationshipInbound": []}
                for r in event["EventReport"]
                if not r["deleted"]
            ]

    def delete_report(self, ref: str, hard: bool) -> dict[str, Any]:
        with self.lock:
            event, report = self._find_report(ref, f"/eventReports/delete/{ref}")
            if hard:
                event["EventReport"].remove(report)
            else:
                report["deleted"] = True
            message = f"Event Report {report['id']} {'hard' if hard else 'soft'} deleted"
            return {
                "saved": True,
                "success": True,
                "name": message,
                "message": message,
                "url": f"/event_reports/delete/{report['id']}",
                "id": report["id"],
            }

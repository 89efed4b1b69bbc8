"""``EventExtracted`` messages for tests: small, realistic, each field overridable."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from newsevents.contract import subjects
from newsevents.contract.analysis import Location, Participant, Region, Span, TimeSpan
from newsevents.contract.messages import EventExtracted

SENTENCE = "10月9日，甘肃省张掖市甘州区举办2024年全民健身运动会，全区2000余名群众参加。"


def event_message(
    *,
    type: str = "competition",
    adcode: str | None = "620702",
    region: str | None = "620702",
    sentence: str = SENTENCE,
    participants: tuple[str, ...] = ("甘州区",),
    source: str = "张掖日报",
    trigger: str = "举办",
) -> EventExtracted:
    start = sentence.find(trigger)
    return EventExtracted(
        id=uuid.uuid4().hex[:24],
        type=type,
        trigger=Span(text=trigger, start=max(start, 0), end=max(start, 0) + len(trigger)),
        sentence=sentence,
        sentence_start=0,
        time=TimeSpan(text="10月9日", start=date(2024, 10, 9), end=date(2024, 10, 9)),
        location=Location(text="甘州区", adcode=adcode) if adcode else None,
        participants=[Participant(name=name, role="organizer") for name in participants],
        article_id=uuid.uuid4().hex[:24],
        document_id=uuid.uuid4().hex[:24],
        source=source,
        published=date(2024, 10, 10),
        headline="甘州区举办全民健身运动会",
        region=Region(adcode=region) if region else None,
        extractor_version="test",
        extracted_at=datetime(2024, 10, 10, 8, 31, tzinfo=UTC),
    )


def subject_of(event: EventExtracted) -> str:
    """The subject extract publishes an event on (the event's location, else its article's region)."""
    adcode = (event.location.adcode if event.location else None) or (event.region.adcode if event.region else None)
    return subjects.event(event.type, adcode)

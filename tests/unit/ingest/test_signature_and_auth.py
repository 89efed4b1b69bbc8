import pytest
from pydantic import SecretStr
from starlette.requests import Request

from newsevents.ingest.auth import PushAuth
from newsevents.ingest.config import Settings
from newsevents.ingest.signature import sign, verify
from newsevents.runtime.http import HttpError


def test_superdesk_signature_is_hmac_sha1_of_the_raw_body():
    body = '{"guid":"1"}'.encode()
    header = sign("s3cr3t-value", body)
    assert header.startswith("sha1=") and len(header) == 45
    assert verify("s3cr3t-value", body, header)
    assert verify("s3cr3t-value", body, header.upper().replace("SHA1=", "sha1="))
    assert not verify("s3cr3t-value", body + b" ", header)
    assert not verify("other-secret", body, header)
    assert not verify("s3cr3t-value", body, None)
    assert not verify("s3cr3t-value", body, "")


def request(headers: dict[str, str]) -> Request:
    return Request({"type": "http", "headers": [(k.encode(), v.encode()) for k, v in headers.items()]})


def test_no_keys_configured_means_open():
    auth = PushAuth(Settings())
    assert auth.sources_for(request({})) is None


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"x-api-key": "wrong-key-1"}, 403), ({"authorization": "Bearer wrong"}, 403), ({"authorization": "Basic abc"}, 401)],
)
def test_missing_key_is_401_and_wrong_key_403(headers, status):
    auth = PushAuth(Settings(api_keys=SecretStr("k-general-123,人民日报=k-rmrb-456")))
    with pytest.raises(HttpError) as info:
        auth.sources_for(request(headers))
    assert info.value.status == status


def test_keys_may_be_bound_to_a_source():
    auth = PushAuth(Settings(api_keys=SecretStr("k-general-123,人民日报=k-rmrb-456")))
    general = auth.sources_for(request({"x-api-key": "k-general-123"}))
    auth.check_source(general, "任何来源")
    bound = auth.sources_for(request({"authorization": "Bearer k-rmrb-456"}))
    auth.check_source(bound, "人民日报")
    with pytest.raises(HttpError) as info:
        auth.check_source(bound, "新华社")
    assert info.value.status == 403


def test_placeholder_secrets_stop_start_up():
    with pytest.raises(ValueError):
        Settings(superdesk_secret=SecretStr("changeme"))
    with pytest.raises(ValueError):
        Settings(api_keys=SecretStr("src=changeme"))

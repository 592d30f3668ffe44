"""URL normalisation: one article, one URL, whichever copy of the link we saw."""

from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_")
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "ocid",
    "cmpid",
    "ref",
    "ref_src",
    "smid",
    "s_cid",
    "at_medium",
    "at_campaign",
    "CMP",
    "taid",
    "guccounter",
}
HOST_PREFIXES = ("www.", "amp.", "m.", "mobile.")


def normalise_url(url):
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    host = (parts.hostname or "").lower()
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if path.endswith(("/amp", "/amp/")):
        path = path[: path.rfind("/amp")] or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PREFIXES) and k not in TRACKING_PARAMS
    ]
    query.sort()
    return urlunsplit((scheme, host, path, urlencode(query), ""))

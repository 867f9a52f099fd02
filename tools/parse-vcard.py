"""Parses one vCard with python3-vobject (Debian) and prints what it read as JSON, for the contact-card tests.
Usage: /usr/bin/python3 parse-vcard.py <file.vcf>. Exits 1 with the parser's message when the card is not valid vCard 3.0."""
import json
import sys

import vobject

with open(sys.argv[1], encoding="utf-8", newline="") as f:
    text = f.read()
try:
    card = vobject.readOne(text, validate=True)
    card.validate(raiseException=True)
except Exception as e:  # the parser's own words are the point of the test
    print(f"invalid: {type(e).__name__}: {e}")
    sys.exit(1)

# vobject reads a card without N; RFC 2426 (3.0) requires N and FN, so their absence is a failure here.
missing = [name.upper() for name in ("n", "fn") if name not in card.contents]
if missing:
    print(f"invalid: missing {', '.join(missing)} (required by RFC 2426)")
    sys.exit(1)

def values(name):
    return [c.value for c in card.contents.get(name, [])]

n = card.n.value
print(json.dumps({
    "version": card.version.value,
    "fn": card.fn.value,
    "n": {"family": n.family, "given": n.given},
    "org": [list(v) if isinstance(v, list) else v for v in values("org")],
    "tel": values("tel"),
    "email": values("email"),
    "note": values("note"),
    "adr": [{"street": a.street, "city": a.city, "code": a.code, "country": a.country} for a in values("adr")],
}, ensure_ascii=False))

"""Extraction keeps no state between calls: threads give the serial result (issue 11)."""

from concurrent.futures import ThreadPoolExecutor

from .helpers import run

TEXTS = [
    "Chilean President Tomas Pardo met his Peruvian counterpart, Ana Lopez, in Lima on Monday.\n\n"
    "\u201cWe have made real progress on the border,\u201d Pardo told reporters. She said the sides would meet "
    "again in May.",
    "The defence ministers of Chile, Norway and Kenya Pablo Ortega, Ingrid Dahl and Peter Mwangi met in Geneva.\n\n"
    "\u201cThe parties agree to a ceasefire from noon on Sunday,\u201d the joint statement said.",
    "On his way out, Dimitriou confirmed the return of Marta Ilves saying: \u201cI hope there will be progress.\u201d",
]


def test_threads_give_the_serial_result():
    serial = [run(t).to_dict() for t in TEXTS]
    with ThreadPoolExecutor(max_workers=6) as pool:
        threaded = list(pool.map(lambda t: run(t).to_dict(), TEXTS * 8))
    assert threaded == serial * 8

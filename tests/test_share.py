"""The iframe snippet another site pastes in."""

from __future__ import annotations

from dashboard.publish.share import embed_snippet


def test_snippet_is_titled_lazy_sized_and_escaped():
    snippet = embed_snippet(
        "http://h/?indicator=werkloosheid&periode=2024",
        'Werkloosheid "<b>"',
        "klein",
        "Cijfers over 2024, vastgezet op 2026-11-23.",
    )
    assert snippet == (
        '<iframe src="http://h/?indicator=werkloosheid&amp;periode=2024&amp;embed=true" '
        'title="Werkloosheid &quot;&lt;b&gt;&quot;" width="360" height="960" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>\n'
        "<p>Cijfers over 2024, vastgezet op 2026-11-23.</p>"
    )


def test_live_snippet_has_no_caption():
    assert embed_snippet("http://h/", "Kaart", "breed").endswith(
        'width="1200" height="900" loading="lazy" style="border:0;max-width:100%"></iframe>'
    )

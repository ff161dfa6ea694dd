"""Presenteren: a story of prepared views, one slide at a time, readable on a projector;
keys → ← PageDown PageUp Home End step through it, F switches the presentation layout."""

import html

import streamlit as st

from dashboard import pages, urls
from dashboard.app import context, controls, keys, resources, uploads
from dashboard.app.widgets import present
from dashboard.app.widgets.common import section
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown
from dashboard.views import stories

store = resources.store_or_stop()
view = controls.current_view(store)
lang = view.lang
controls.show_notices(lang)  # a bad view parameter is named here too, as on every page

found, errors = resources.shipped_stories()
story: stories.Story | None = None
packed = urls.story_param(st.query_params)
if packed is not None:
    story, problems = stories.story_from_param(packed, store)
    for problem in problems[:5]:
        st.warning(escape_markdown(problem.message(lang), max_len=300), icon="⚠️")
story_from_link = story is not None
for error in errors:
    st.error(t("story_file_error", lang, error=escape_markdown(error, max_len=500)))

draft = st.session_state.get(keys.DRAFT, [])
if story is None:
    choices = {key: s.title for key, s in found.items()}
    if draft:
        choices["eigen"] = t("story_own", lang, n=str(len(draft)))
    if not choices:
        st.info(t("story_none", lang))
        st.stop()
    key = st.selectbox(
        t("story_choose", lang), list(choices), format_func=choices.get, key=keys.STORY
    )
    story = (
        stories.Story(t("story_own", lang, n=str(len(draft))), tuple(draft))
        if key == "eigen"
        else found[key]
    )

if urls.wants_notes(st.query_params):
    st.title(f"{t('story_notes', lang)}: {escape_markdown(story.title, 120)}")
    for n, slide in enumerate(story.slides, start=1):
        section(f"{n}. {escape_markdown(slide.title, 120)}")
        st.text(slide.sentence)
        st.text(slide.notes or "—")
    st.stop()

presenting = st.session_state.setdefault(keys.PRESENTING, True)
st.button(
    t("slide_layout_off" if presenting else "slide_layout_on", lang),
    shortcut="F",
    icon=":material/fullscreen:",
    on_click=lambda: st.session_state.update({keys.PRESENTING: not presenting}),
)
st.html(present.PROJECTOR_CSS + (present.HIDE_CHROME_CSS if presenting else ""))

n = len(story.slides)
current = present.slide_controls(n, lang)
slide = story.slides[current]
st.html(
    f'<div class="bw-slide-number">{html.escape(story.title)} · '
    f"{t('slide_number', lang, n=str(current + 1), of=str(n))}</div>"
)
st.title(escape_markdown(slide.title, max_len=120))
st.html(f'<p class="bw-sentence">{html.escape(slide.sentence)}</p>')
present.show_slide(slide)
if st.toggle(t("slide_qr_toggle", lang), value=True, key=keys.QR):
    present.qr_corner(slide, lang)

with st.expander(t("story_share", lang)):
    if uploads.in_story(story):  # eigen gegevens live in this session only: no link
        st.info(t("upload_no_share_story", lang), icon=":material/lock:")
        st.stop()
    # never raises: a story within every limit of a file may not fit in a link
    links = stories.share_links(story, packed if story_from_link else None)
    if links.without_notes is None:
        st.info(t("harden_story_no_link", lang, max=str(stories.MAX_PARAM_CHARS)))
    else:
        st.code(urls.story_url(links.without_notes, context.app_base_url()), language=None)
    if links.with_notes is None:
        st.info(t("harden_story_no_notes_link", lang))
    else:
        st.page_link(
            pages.page("presenteren").file,
            label=t("story_notes_link", lang),
            query_params=urls.story_query(links.with_notes, notes=True),
            icon=":material/speaker_notes:",
        )

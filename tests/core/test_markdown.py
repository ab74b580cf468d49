from core.markdown import render_markdown


def test_markdown_renders_emphasis_links_and_lists():
    html = render_markdown("**Rights** for [all](https://example.org)\n\n- one\n- two")
    assert html == (
        "<p><strong>Rights</strong> for "
        '<a href="https://example.org" rel="nofollow noopener noreferrer">all</a></p>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    )


def test_markdown_strips_scripts_handlers_and_javascript_links():
    html = render_markdown(
        "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))"
    )
    # Raw HTML is shown as text, never as markup; the javascript: link is not a link.
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "href" not in html


def test_markdown_headings_start_below_the_page_title():
    assert render_markdown("# Title") == "<h2>Title</h2>\n"


def test_markdown_of_nothing_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""

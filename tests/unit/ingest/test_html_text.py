import pytest

from newsevents.ingest.html_text import html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>甲</p><p>乙</p>", "甲\n\n乙"),
        ("<p>第一段<br>第二段</p>", "第一段\n\n第二段"),
        ("<div><p>  有  空格 </p></div>", "有 空格"),
        ("<p>A&amp;B &lt;x&gt; &#20013;</p>", "A&B <x> 中"),
        ("<script>alert(1)</script><p>正文</p><style>p{}</style>", "正文"),
        ("<h2>小标题</h2><p>内容<b>加粗</b>继续</p>", "小标题\n\n内容加粗继续"),
        ("", ""),
        ("<p></p><br/>", ""),
        ("纯文本", "纯文本"),
    ],
)
def test_html_becomes_text_with_paragraphs(html, text):
    assert html_to_text(html) == text

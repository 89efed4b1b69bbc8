import pytest

from newsevents.extract.engine.segment import clean_article, pushed_byline_names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("记者 张三 李四", ["张三", "李四"]),
        ("本报记者 王五", ["王五"]),
        ("文/赵六", ["赵六"]),
        ("◎ 胡杨 孙伟", ["胡杨", "孙伟"]),
        ("张三、李四", ["张三", "李四"]),
        ("阿依努尔·吐尔逊", ["阿依努尔·吐尔逊"]),
        ("", []),
        (None, []),
        ("   ", []),
        ("新华社北京10月10日电", []),
        ("x" * 500, []),
    ],
)
def test_names_of_a_pushed_byline(byline, names):
    assert pushed_byline_names(byline) == names


def test_pushed_byline_comes_before_names_in_the_text_without_repeats():
    raw = clean_article("本报讯（记者 李四 王五）近日，某县召开工作会议。", byline="记者 张三 李四")
    assert raw.byline == ["张三", "李四", "王五"]
    assert raw.body.startswith("近日")

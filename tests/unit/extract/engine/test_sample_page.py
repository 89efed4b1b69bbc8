"""The real sample page (../shared/samples, published 2024-10-10): each layout trick the issue names.

Quality figures on the dev gold are printed by `newsevents eval`, not asserted here. Skips without
../shared.
"""

from __future__ import annotations

from newsevents.extract.engine.segment import split_page


def test_sample_page(shared_dir):
    """The real page of 2024-10-10: seven articles, interleaved; see the issue for each trick."""
    articles = split_page((shared_dir / "samples" / "page-2024-10-10.txt").read_text("utf-8"))
    assert [a.body[:8] for a in articles] == [
        "今年以来，甘肃省", "奋进新时代，颂歌", "近年来，河南省鹤", "近年来，湖北省宜",
        "为进一步推动创建", "连日来，青海省西", "近日，云南省昆明",
    ]
    pingliang, dazhou, hebi, photo, quangang, huangzhong, kunming = articles
    assert pingliang.subheadline == "甘肃平凉市持续深化全国文明城市创建工作侧记"
    assert pingliang.subheads[0] == "/ 机制先行 / 高站位压实创建责任"
    assert "成了平凉各级媒体的高频“热词”，也成了百姓关心的一件大事。" in pingliang.body
    assert dazhou.headline == "四川达州市举行庆祝中华人民共和国成立75周年合唱比赛决赛"
    assert dazhou.byline == ["胡杨", "孙伟", "杨洁"]
    assert "鹤壁" not in dazhou.body and "昆明" not in dazhou.body
    assert (hebi.headline, hebi.subheadline, hebi.byline) == ("文明沁人心幸福满鹤城", "河南鹤壁市持续深化精神文明建设工作", [])
    assert hebi.subheads == ["以精神文明引领社会风尚", "以物质文明赋能城市发展", "打造文明建设“鹤壁模式”"]
    assert "投入资金近2300万元，组织113家省级以上文明单位" in hebi.body
    assert photo.byline == ["张国荣", "望作信"]
    assert photo.body.endswith("图为10月2日，天空绚丽的霞光倒映在黄柏河水面，呈现一幅城水相依的生态廊道画卷。")
    assert quangang.headline == "福建泉州市泉港区召开城市文明建设工作推进会"
    assert (huangzhong.byline, kunming.byline) == (["赵越", "俞惠珍"], ["余苏晏"])
    assert kunming.body.endswith("践行“强国有我”的时代誓言。")

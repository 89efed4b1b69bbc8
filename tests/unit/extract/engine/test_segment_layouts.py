"""Layouts the held-out pages showed, on invented pages (written for these tests), and the
random-layout stress test of ``segment_layouts`` run on a fixed set of seeds.

Each page below has its own trick; every article must come out whole, with its metadata, in
reading order. Inputs that must not be cut or joined are in the tables further down.
"""

from __future__ import annotations

import pytest
from newsevents.extract.engine import page_runs
from newsevents.extract.engine.page_units import read_units
from newsevents.extract.engine.segment import clean_article, split_page

from .segment_layouts import (
    NO_LINE_START,
    compose,
    compose_article,
    doubled,
    wrap,
)

# A feature whose ——subtitle, wrapped over two lines, is printed right above its headline.
SUBTITLE_ABOVE_HEADLINE = """\
——甘肃张掖市推进城乡环境整治
工作侧记
戈壁绿洲展新颜

◎ 本报记者 何晓军

今年以来，甘肃省张掖市把城乡环
境整治作为文明城市创建的重要抓
手，累计清理积存垃圾3.2万吨，
城乡面貌焕然一新。

/ 治脏治乱 /
背街小巷变整洁

走进甘州区西街街道，昔日杂物乱
堆的背街小巷如今干净整洁，墙上
绘着文明宣传画。

陕西汉中市开展“文明餐桌”行动

本报讯（记者 韩梅）近日，陕西省汉中
市在全市餐饮行业开展“文明餐桌”行动，
倡导光盘行动。
"""

# Wrapped subtitles: one under its headline, one after its feature's body (indented).
SUBTITLES_WRAPPED = """\
山乡处处新风来
——贵州黔南州深化移风易俗
工作纪实

文/吴丽娟

近年来，贵州省黔南布依族苗族自治
州把移风易俗作为乡风文明建设的重
要内容，红白喜事大操大办之风得到
遏制。

今年以来，全州共简办红白喜事4600
余起，为群众节省开支1.2亿元。

春节期间，湖南省张家界市在天门山等景区开
展文明旅游志愿服务，引导游客有序排队、文
明游览。

据统计，节日期间全市接待游客86.5万人次，
旅游投诉同比下降23.5%。

 ——湖南张家界市推进文明旅游
 工作综述
"""

# A brief of short paragraphs set in the same width as the feature around it, a photo
# caption between its paragraphs; the feature goes on after the brief.
BRIEF_SPLIT_BY_CAPTION = """\
六盘山下文明花开

◎ 本报记者 马建国

近年来，宁夏回族自治区隆德县
把新时代文明实践融入乡村振兴，
六盘山下的村庄越来越美。

在隆德县城关镇，村民们自发组
建了秧歌队、书画社，农闲时节
热闹非凡。

宁夏固原市启动“邻
里守望”志愿服务月

本报讯（记者 马晓燕）4月8日，
宁夏回族自治区固原市在原州区
启动“邻里守望”志愿服务月活
动。

活动现场，30支志愿服务队认领
了助老、助残等服务项目。

4月7日，甘肃省定西市安定区的志愿者
在社区为居民义诊。
刘建军 摄

据了解，服务月期间，固原市将
开展志愿服务活动300余场。

活动由固原市文明办、团市委联
合主办。

城关镇的变化是隆德县文明实践
的缩影。如今，全县已建成新时
代文明实践站126个。
"""

# A brief of two-line paragraphs (its column is known only roughly), interrupted by a
# paragraph of a feature set wider: its 据了解 paragraph is still its own.
BRIEF_SHORT_PARAGRAPHS = """\
黄河滩上新绿涌

今年以来，山东省东营市垦利区在黄河滩
区实施生态修复工程，昔日的盐碱滩变成
了绿色长廊。

山东滨州市开展
“河小青”护河行动

本报讯（记者 刘晓雯）近日，
山东省滨州市组织“河小青”志
愿者开展护河行动。

志愿者们清理河道垃圾，宣传河
湖保护知识。

垦利区林业部门负责人说，滩区已栽植各
类苗木46.5万株，成活率达92.6%。

据了解，滨州市已组建护河志愿
服务队86支。

行动将持续至10月底。
"""

# A brief whose paragraphs have no blank line between them, its headline right above it.
BRIEF_NO_BLANK_LINES = """\
河北邢台市开展文明交通劝导
本报讯 （记者 赵欣然 通讯员 李鹏）
近日，河北省邢台市在市区20个主要
路口开展文明交通劝导活动。
活动期间，志愿者劝导闯红灯行人12
00余人次。
据了解，该活动将持续至6月底。
"""

# A brief printed inside a feature paragraph, set in the same width: the feature's
# sentence goes on after the brief.
BRIEF_INSIDE_PARAGRAPH = """\
傣乡竹楼飘新风

◎ 本报记者 玉应罕 岩温

近年来，云南省西双版纳傣族自治州
以新时代文明实践为抓手，推动文明
新风进村入户。

在勐海县勐遮镇，村里的文化广场每
到傍晚就热闹起来。村民们跳起象脚
鼓舞，唱起傣族民歌，文明新风吹进

云南景洪市举办傣族
传统文化进校园活动

本报讯（记者 依香叫）近日，云南
省景洪市在全市中小学开展傣族传统
文化进校园活动。

活动期间，非遗传承人走进30所学校
授课。

了家家户户。

勐遮镇党委书记岩香说：“文明新风
让村寨更美了。”
"""

# Subheads: doubled "/ X // X /", a bare "/ X /", a doubled bold title with doubled quotes.
SUBHEAD_FORMS = """\
草原夜校点亮文明灯

◎ 本报记者 其木格

今年以来，内蒙古自治区兴安盟开办“
草原夜校”126所，农牧民在家门口就
能学技术、学政策。

/ 夜校开课 // 夜校开课 /

每到夜晚，科右前旗的夜校里灯火通明，
牧民们围坐一起听课。

/ 技术下乡 /

兽医站的技术员走进夜校，讲解牲畜防
疫知识，累计培训牧民1.2万人次。

让让““夜校夜校””成为加油站成为加油站

“夜校让我们学到了真本事。”牧民巴
特尔说。
"""

# Numbers split across lines (99.\n2%, 12.\n3万, 4.\n6亿).
NUMBERS_SPLIT = """\
浙江湖州市垃圾分类知晓率达99.2%

本报讯（沈佳慧）近日，浙江省湖州
市公布垃圾分类工作成绩单，居民知
晓率达到99.
2%，累计投入资金12.
3万元改造投放点，全年处理垃圾4.
6亿斤。
"""

# A caption with stray spaces inside its numbers (1 .2万株, 1 50余名).
CAPTION_NUMBER_SPACES = """\
近日，甘肃省武威市古浪县的志愿者在
八步沙林场种植梭梭苗，累计栽植1 .2
万株，1 50余名志愿者参加。
王海东 摄
"""

# Bylines: 本报讯 （记者 A 通讯员 B）, a trailing （A B）, 文/A — Tibetan and Mongolian names.
BYLINE_FORMS = """\
西藏林芝市开展生态护林志愿服务

本报讯 （记者 次仁卓玛 通讯员 旦增）
近日，西藏自治区林芝市组织200余名
志愿者开展生态护林活动。

内蒙古鄂尔多斯市表彰“最美家庭”

近日，内蒙古自治区鄂尔多斯市对
50户“最美家庭”进行表彰。

（巴特尔 其木格）

青海果洛州开展双语宣讲

文/扎西顿珠

近日，青海省果洛藏族自治州组织双语宣讲
队深入牧区宣讲。
"""

# Brief headlines printed after their bodies, wrapped over two and three lines.
HEADLINES_AFTER_BODY = """\
本报讯（周杰）5月20日，湖北省
荆州市沙市区在中山公园举办志愿
服务集市，40余支志愿服务队现场
招募志愿者。

湖北荆州市沙市区
举办志愿服务集市

本报讯（林晓彤）近日，广东
省汕头市金平区在辖区小学开
展“文明小使者”评选活动，
120名学生获评。

广东汕头市金平
区评选“文明小
使者”
"""

# A column break right after the first line of a paragraph (under a subhead, and under
# a brief's headline): the line is body text, not a heading.
FIRST_LINE_CUT_OFF = """\
古城新韵

文/孙佳怡

秋日的山西省晋中市平遥古城，游人
如织。近年来，平遥县坚持以文明创
建为抓手，守护古城风貌。

守护古城文脉

古城里的志愿者随处可见，“古城讲

解员”志愿服务队常年为游客提供义
务讲解。

江苏南通市开展文明祭扫宣传

近日，江苏省南通市在全市各公

墓开展文明祭扫宣传，倡导鲜花
祭扫、网络祭扫。
"""


EXPECTED = {
    "SUBTITLE_ABOVE_HEADLINE": [
        ('戈壁绿洲展新颜', '甘肃张掖市推进城乡环境整治工作侧记', ['何晓军'], ['/ 治脏治乱 / 背街小巷变整洁'],
         '今年以来，甘肃省张掖市把城乡环境整治作为文明城市创建的重要抓手，累计清理积存垃圾3.2万吨，城乡面貌焕然一新。\n走进甘州区西街街道，昔日杂物乱堆的背街小巷如今干净整洁，墙上绘着文明宣传画。'),
        ('陕西汉中市开展“文明餐桌”行动', None, ['韩梅'], [],
         '近日，陕西省汉中市在全市餐饮行业开展“文明餐桌”行动，倡导光盘行动。'),
    ],
    "SUBTITLES_WRAPPED": [
        ('山乡处处新风来', '贵州黔南州深化移风易俗工作纪实', ['吴丽娟'], [],
         '近年来，贵州省黔南布依族苗族自治州把移风易俗作为乡风文明建设的重要内容，红白喜事大操大办之风得到遏制。\n今年以来，全州共简办红白喜事4600余起，为群众节省开支1.2亿元。'),
        (None, '湖南张家界市推进文明旅游工作综述', [], [],
         '春节期间，湖南省张家界市在天门山等景区开展文明旅游志愿服务，引导游客有序排队、文明游览。\n据统计，节日期间全市接待游客86.5万人次，旅游投诉同比下降23.5%。'),
    ],
    "BRIEF_SPLIT_BY_CAPTION": [
        ('六盘山下文明花开', None, ['马建国'], [],
         '近年来，宁夏回族自治区隆德县把新时代文明实践融入乡村振兴，六盘山下的村庄越来越美。\n在隆德县城关镇，村民们自发组建了秧歌队、书画社，农闲时节热闹非凡。\n城关镇的变化是隆德县文明实践的缩影。如今，全县已建成新时代文明实践站126个。'),
        ('宁夏固原市启动“邻里守望”志愿服务月', None, ['马晓燕'], [],
         '4月8日，宁夏回族自治区固原市在原州区启动“邻里守望”志愿服务月活动。\n活动现场，30支志愿服务队认领了助老、助残等服务项目。\n据了解，服务月期间，固原市将开展志愿服务活动300余场。\n活动由固原市文明办、团市委联合主办。'),
        (None, None, ['刘建军'], [],
         '4月7日，甘肃省定西市安定区的志愿者在社区为居民义诊。'),
    ],
    "BRIEF_SHORT_PARAGRAPHS": [
        ('黄河滩上新绿涌', None, [], [],
         '今年以来，山东省东营市垦利区在黄河滩区实施生态修复工程，昔日的盐碱滩变成了绿色长廊。\n垦利区林业部门负责人说，滩区已栽植各类苗木46.5万株，成活率达92.6%。'),
        ('山东滨州市开展“河小青”护河行动', None, ['刘晓雯'], [],
         '近日，山东省滨州市组织“河小青”志愿者开展护河行动。\n志愿者们清理河道垃圾，宣传河湖保护知识。\n据了解，滨州市已组建护河志愿服务队86支。\n行动将持续至10月底。'),
    ],
    "BRIEF_NO_BLANK_LINES": [
        ('河北邢台市开展文明交通劝导', None, ['赵欣然', '李鹏'], [],
         '近日，河北省邢台市在市区20个主要路口开展文明交通劝导活动。\n活动期间，志愿者劝导闯红灯行人1200余人次。\n据了解，该活动将持续至6月底。'),
    ],
    "BRIEF_INSIDE_PARAGRAPH": [
        ('傣乡竹楼飘新风', None, ['玉应罕', '岩温'], [],
         '近年来，云南省西双版纳傣族自治州以新时代文明实践为抓手，推动文明新风进村入户。\n在勐海县勐遮镇，村里的文化广场每到傍晚就热闹起来。村民们跳起象脚鼓舞，唱起傣族民歌，文明新风吹进了家家户户。\n勐遮镇党委书记岩香说：“文明新风让村寨更美了。”'),
        ('云南景洪市举办傣族传统文化进校园活动', None, ['依香叫'], [],
         '近日，云南省景洪市在全市中小学开展傣族传统文化进校园活动。\n活动期间，非遗传承人走进30所学校授课。'),
    ],
    "SUBHEAD_FORMS": [
        ('草原夜校点亮文明灯', None, ['其木格'], ['/ 夜校开课 /', '/ 技术下乡 /', '让“夜校”成为加油站'],
         '今年以来，内蒙古自治区兴安盟开办“草原夜校”126所，农牧民在家门口就能学技术、学政策。\n每到夜晚，科右前旗的夜校里灯火通明，牧民们围坐一起听课。\n兽医站的技术员走进夜校，讲解牲畜防疫知识，累计培训牧民1.2万人次。\n“夜校让我们学到了真本事。”牧民巴特尔说。'),
    ],
    "NUMBERS_SPLIT": [
        ('浙江湖州市垃圾分类知晓率达99.2%', None, ['沈佳慧'], [],
         '近日，浙江省湖州市公布垃圾分类工作成绩单，居民知晓率达到99.2%，累计投入资金12.3万元改造投放点，全年处理垃圾4.6亿斤。'),
    ],
    "CAPTION_NUMBER_SPACES": [
        (None, None, ['王海东'], [],
         '近日，甘肃省武威市古浪县的志愿者在八步沙林场种植梭梭苗，累计栽植1.2万株，150余名志愿者参加。'),
    ],
    "BYLINE_FORMS": [
        ('西藏林芝市开展生态护林志愿服务', None, ['次仁卓玛', '旦增'], [],
         '近日，西藏自治区林芝市组织200余名志愿者开展生态护林活动。'),
        ('内蒙古鄂尔多斯市表彰“最美家庭”', None, ['巴特尔', '其木格'], [],
         '近日，内蒙古自治区鄂尔多斯市对50户“最美家庭”进行表彰。'),
        ('青海果洛州开展双语宣讲', None, ['扎西顿珠'], [],
         '近日，青海省果洛藏族自治州组织双语宣讲队深入牧区宣讲。'),
    ],
    "HEADLINES_AFTER_BODY": [
        ('湖北荆州市沙市区举办志愿服务集市', None, ['周杰'], [],
         '5月20日，湖北省荆州市沙市区在中山公园举办志愿服务集市，40余支志愿服务队现场招募志愿者。'),
        ('广东汕头市金平区评选“文明小使者”', None, ['林晓彤'], [],
         '近日，广东省汕头市金平区在辖区小学开展“文明小使者”评选活动，120名学生获评。'),
    ],
    "FIRST_LINE_CUT_OFF": [
        ('古城新韵', None, ['孙佳怡'], ['守护古城文脉'],
         '秋日的山西省晋中市平遥古城，游人如织。近年来，平遥县坚持以文明创建为抓手，守护古城风貌。\n古城里的志愿者随处可见，“古城讲解员”志愿服务队常年为游客提供义务讲解。'),
        ('江苏南通市开展文明祭扫宣传', None, [], [],
         '近日，江苏省南通市在全市各公墓开展文明祭扫宣传，倡导鲜花祭扫、网络祭扫。'),
    ],
}


def summary(text: str) -> list[tuple]:
    return [(a.headline, a.subheadline, a.byline, a.subheads, a.body) for a in split_page(text)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page(name):
    assert summary(globals()[name]) == EXPECTED[name]


# --- runs of lines without blank lines: where paragraphs and headings start ------------------
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a short line that ends a sentence ends its paragraph
        (["本报讯（记者 王强）近日，某市在", "全市开展文明交通劝导活动，引导市", "民文明出行。",
          "活动期间，志愿者劝导行人1200余人", "次，发放倡议书3000余份。"], [3]),
        # a headline right above the paragraph, set in another measure
        (["河北邢台市开展文明交通劝导", "近日，河北省邢台市在市区20个主要", "路口开展文明交通劝导活动，共有20",
          "0余名志愿者参加。"], [1]),
        # where paragraphs are indented, an indented line after a sentence end starts one (even
        # when the paragraph before it ends at the column's edge)
        (["近日，某市召开文明城市创建工", "推进会，部署下一阶段重点任务，要", "求各部门狠抓落实，确保创建实效。",
          "会议要求，各街道要聚焦背街小", "巷、老旧小区等薄弱环节补齐短板。"], [3]),
        # one paragraph: every line but the last fills the column
        (["今年以来，湖北省恩施土家族苗", "族自治州坚持把新时代文明实践", "作为凝聚群众的重要抓手。"], []),
        # a sentence that ends at the column's edge is not known to end its paragraph
        (["近日，某市召开推进会，部署任务。", "会议要求各部门狠抓落实，确保创建", "实效，让群众得到更多实惠。"], []),
        # a paragraph's indented first line is not a heading
        (["湟中区西堡镇于2022年通过国家东西", "部协作政策，在江苏省南京市栖霞区资金和", "技术的支持下，启动西堡生态奶牛养殖项", "目，现已持续为19个村带来分红收益。"], []),
        # letter-spaced captions and short runs are left alone
        (["10 月3日 ，游客 在湖南", "省张 家界市 武陵源 区景", "区内 有序排 队乘坐 观光", "车。"], []),
        (["近日，某市召开会议。", "会议要求落实。"], []),
        ([], []),
    ],
)
def test_run_cuts(lines, expected):
    assert page_runs.cuts(lines) == expected


# --- subtitles wrapped over lines, heading runs over blank lines ------------------------------
def kinds(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in read_units(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tail ends the way subtitles end; the headline under it stays a headline
        ("——湖南湘西州深化全国文明\n城市创建工作综述\n山水湘西文明花开",
         [("subtitle", "湖南湘西州深化全国文明城市创建工作综述"), ("head", "山水湘西文明花开")]),
        # a subtitle ending in 工作 is complete … unless the next line is a genre word
        ("——河南鹤壁市持续深化精神文明建设工作\n文明沁人心幸福满鹤城",
         [("subtitle", "河南鹤壁市持续深化精神文明建设工作"), ("head", "文明沁人心幸福满鹤城")]),
        ("——山东曲阜市推进文明礼仪教育工作\n纪实",
         [("subtitle", "山东曲阜市推进文明礼仪教育工作纪实")]),
        # under a headline, the one line left in the block is the subtitle's
        ("老小区的“新生活”\n——辽宁沈阳市和平区推进老旧小区\n改造新篇",
         [("head", "老小区的“新生活”"), ("subtitle", "辽宁沈阳市和平区推进老旧小区改造新篇")]),
        # a subtitle under a three-line headline in the same block
        ("雪域高原\n涌动志愿\n热潮\n——西藏日喀则市推动志愿服务常态化工作综述",
         [("head", "雪域高原涌动志愿热潮"), ("subtitle", "西藏日喀则市推动志愿服务常态化工作综述")]),
        # a headline wrapped over a blank line with a quote open across it is one run
        ("湖南长沙市岳麓区开展“\n\n礼让斑马线”专项行动", [("head", "湖南长沙市岳麓区开展“礼让斑马线”专项行动")]),
        # … but a line cut from a paragraph does not join the headline after it
        ("小区改造完成后，居民们自发成立了“楼院自管\n\n湖南长沙市岳麓区开展文明交通行动",
         [("head", "小区改造完成后，居民们自发成立了“楼院自管"), ("head", "湖南长沙市岳麓区开展文明交通行动")]),
        # a byline line right under a headline, no blank line between
        ("新疆喀什市开展联谊活动\n◎ 本报记者 阿不都热依木·艾力",
         [("head", "新疆喀什市开展联谊活动"), ("byline", "")]),
    ],
)
def test_heading_units(text, expected):
    assert kinds(text) == expected


# --- single articles pushed on their own (kind=article) ------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报讯（记者 张立新 通讯员 赵欣然）近日，河北省保定市在全市中小学开展“文明餐桌”活动。\n据统计，参与学生超过12.3万人。",
         (["张立新", "赵欣然"], "近日，河北省保定市在全市中小学开展“文明餐桌”活动。\n据统计，参与学生超过12.3万人。")),
        ("◎ 本报记者 巴特尔 其木格\n今年以来，内蒙古自治区兴安盟开办“草原夜校”126所。\n下一步，兴安盟将扩大夜校覆盖面。",
         (["巴特尔", "其木格"], "今年以来，内蒙古自治区兴安盟开办“草原夜校”126所。\n下一步，兴安盟将扩大夜校覆盖面。")),
        ("近日，西藏自治区林芝市组织志愿者开展生态护林活动。\n活动期间，志愿者清理垃圾2.3吨。\n（次仁卓玛 旦增）",
         (["次仁卓玛", "旦增"], "近日，西藏自治区林芝市组织志愿者开展生态护林活动。\n活动期间，志愿者清理垃圾2.3吨。")),
        ("近日，海南省三亚市开展海滩清洁行动。\n据了解，三亚市已连续8年开展此项行动。（符小梅 王海）",
         (["符小梅", "王海"], "近日，海南省三亚市开展海滩清洁行动。\n据了解，三亚市已连续8年开展此项行动。")),
        ("文/扎西顿珠\n近日，青海省果洛藏族自治州组织双语宣讲队深入牧区宣讲。",
         (["扎西顿珠"], "近日，青海省果洛藏族自治州组织双语宣讲队深入牧区宣讲。")),
        # nothing to take out
        ("近日，某市召开会议。\n会议要求各部门狠抓落实。", ([], "近日，某市召开会议。\n会议要求各部门狠抓落实。")),
    ],
)
def test_single_article_bylines_and_datelines(text, expected):
    article = clean_article(text, "某标题")
    assert (article.byline, article.body) == expected


# --- the random layouts of segment_layouts, on fixed seeds -----------------------------------
def test_layouts_are_deterministic_and_keep_every_character():
    page = compose(7)
    assert page.text == compose(7).text
    squashed = "".join(page.text.split())
    for gold in page.gold:
        # every character of a body is printed (line breaks and stray spaces aside)
        assert all(c in squashed for c in gold["body"].replace("\n", ""))
    text, _, gold, _ = compose_article(7)
    assert gold["body"].split("\n")[0][:10] in text


@pytest.mark.parametrize("width", [11, 14, 17.5, 22])
def test_wrap_keeps_closing_punctuation_on_the_line_before(width):
    text = "“看到志愿者站在路口，自己也不好意思闯红灯了。”市民乌日娜说，参与率达到85.7%。"
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert not any(line[0] in NO_LINE_START for line in lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("让“礼”融入日常", "让让““礼礼””融入日常融入日常"), ("古城新韵", "古城新韵古城新韵"), ("", "")],
)
def test_doubled_bold_headings(text, expected):
    assert doubled(text) == expected

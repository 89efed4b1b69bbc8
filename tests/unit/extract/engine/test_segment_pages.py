"""Invented pages (written for these tests, in the style of the dev pages): split_page end to end.

Each page has its own layout trick; every article must come out whole, with its metadata.
"""

from __future__ import annotations

import pytest
from newsevents.extract.engine.segment import split_page

# A feature with a brief printed inside it (and a column break around the brief),
# a letter-spaced photo caption with its credit on its own line, and a brief closed by （name）.
PAGE_FEATURE_WITH_BRIEF_INSIDE = """\
绿水青山间的文明新篇

——浙江丽水市深化文明乡村建设工作侧记

◎ 本报记者 周明远 通讯员 陈晓雯

今年以来，浙江省丽水市坚持以文明乡村
建设为抓手，把社会主义核心价值观融入
村规民约、融入产业发展、融入群众生活，
全市乡村文明程度持续提升，一批批“美
丽乡村”变成了“文明乡村”。

/ 村庄焕颜 /
垃圾分类走进千家万户

清晨六点，莲都区碧湖镇新合村的保洁员
叶美珍已经推着分类垃圾车出门了。“以
前垃圾随手扔，现在家家户户都会分类，
村里干净多了。”叶美珍说。

截至目前，丽水市已建成垃圾分类示范村
326个，农村生活垃圾分类覆盖率达到98.

江苏常州市武进区开展
“文明餐桌”行动

本报讯（记者 刘海涛）近日，
江苏省常州市武进区在全区餐饮
行业开展“文明餐桌”行动，倡
导“光盘行动”和公筷公勺，引
导市民养成节约用餐的好习惯。

活动期间，武进区组织志愿者走
进120余家餐馆发放倡议书，张
贴宣传海报，并评选出20家“文
明餐桌示范店”。

6%，累计改造提升农村公厕1200余座，村
庄环境面貌焕然一新。

在缙云县，村里的文化礼堂成了群众最爱
去的地方。今年以来，全县文化礼堂共举
办“我们的村晚”、道德讲堂等活动1800
余场次。

/ 乡风向善 /
好家风代代相传

松阳县四都乡的陈家铺村有一个特别的“
家风馆”，馆里陈列着村民们的家训家规。
“这些家训是老祖宗留下来的宝贵财富，
我们要一代代传下去。”村党支部书记陈
建平说。

丽水市委宣传部有关负责人表示，下一步，
丽水将持续推进移风易俗，让文明乡风吹
遍浙西南的山山水水。

10 月3日 ，游客 在湖南 
省张 家界市 武陵源 区景
区内 有序排 队乘坐 观光
车。国庆假 期，当 地组
织2 00余 名志愿 者开展 
文明 引导服 务。
吴建国 摄

安徽黄山市黟县评选
“最美庭院”

近日，安徽省黄山市黟县公布
2024年度“最美庭院”评选结
果，西递镇、宏村镇等乡镇的
50户家庭上榜。

据介绍，黟县“最美庭院”评
选已连续开展5年，累计带动2
万余户家庭参与庭院整治。

（汪小燕）
"""

# A feature without headline (plain subheads, a trailing ——subtitle, a column break after
# '3.'), a 本报讯 brief whose headline is printed after the next item (a caption), and a brief
# whose headline is wrapped over three lines with a blank line inside.
PAGE_HEADLINE_AFTER_BODY = """\
近年来，四川省绵阳市以新时代文明实践
中心建设为牵引，聚焦群众所需所盼，推动文
明实践阵地建起来、队伍强起来、活动实起来，
城乡文明水平不断提升。

以阵地建设夯实基础

走进涪城区城厢街道新时代文明实践所，
图书阅览室、心理咨询室、四点半课堂等功能
室一应俱全。今年以来，这里累计开展各类活
动260余场次，服务群众1.2万人次。

目前，绵阳市已建成新时代文明实践中心
10个、实践所278个、实践站3700余个，实现
市、县、乡、村四级全覆盖。

以志愿服务凝聚力量

“能为大家做点事，心里很踏实。”退休
教师何淑芬加入志愿服务队已经8年，她和队
员们每周都要到社区为老人读报、量血压。

全市现有注册志愿者86.5万人，志愿服务
组织2400余个，今年以来开展志愿服务活动3.

2万场次，形成了“绵州志愿红”等一批志愿
服务品牌。

 ——四川绵阳市推进新时代文明实践中心建设工作综述

本报讯 （郑晓琳 王磊）日前，山东
省威海市环翠区启动“志愿服务月”
活动，组织全区3000余名志愿者走进
社区、景区和交通路口开展志愿服务。

活动期间，环翠区将围绕关爱老人、
文明交通、环境整治等内容，开展各
类志愿服务活动200余场。

国庆期间，广东省广州市越
秀区组织志愿者在北京路步
行街为游客提供咨询服务。
 陈志强 摄

山东威海市环翠区启动志愿服务月活动

湖北宜昌市夷陵区
举办农民丰收节

文明实践活动

本报讯（记者 田甜 通讯员 覃玉
梅）9月22日，湖北省宜昌市夷陵
区在龙泉镇举办2024年农民丰收节
文明实践活动，近千名群众参加。

活动现场，当地还表彰了30户“文
明家庭”和10名“好婆婆”“好媳
妇”。
"""

# Two briefs in a row, then a feature (headline and 文/ byline) interrupted by a brief
# set in the same column width; doubled bold subheads; a quote cut after its colon.
PAGE_TWO_BRIEFS_AND_SAME_WIDTH_FEATURE = """\
河南郑州市金水区召开文明城市创建推进会

本报讯（马丽）10月8日，河南省郑州
市金水区召开文明城市创建工作推进会，
总结前三季度创建工作，安排部署下一
阶段重点任务。

会议要求，各街道要聚焦背街小巷、老
旧小区等薄弱环节，补齐短板，确保创
建工作取得实效。

陕西延安市宝塔区志愿者清扫积雪

11月12日，陕西省延安市宝塔区迎来入
冬后首场降雪，区文明办组织500余名
志愿者走上街头清扫积雪，保障群众安
全出行。

（高志伟）

古城新韵

文/孙佳怡 李明轩

甘肃敦煌市开展文明旅游宣传

本报讯（记者 张晓燕）近日，甘肃省
敦煌市在莫高窟、鸣沙山月牙泉等景区
开展文明旅游宣传活动，倡导游客文明
出游。

秋日的山西省晋中市平遥古城，游人如
织。近年来，平遥县坚持以文明创建为
抓手，守护古城风貌，提升服务水平，
让千年古城焕发新的生机。

/ 街区更新 // 街区更新 /

“以前巷子里电线乱拉，现在全部入地
了，看着清爽多了。”家住西大街的居
民王秀英说。今年以来，平遥县改造提
升古城街巷32条，新增停车位800余个。

守护古城守护古城文脉文脉

古城里的志愿者随处可见。“古城讲解
员”志愿服务队由退休教师和大学生组
成，常年为游客提供义务讲解，今年已
服务游客5万余人次。

平遥县文明办主任郭建华表示：

“我们将持续擦亮古城文明名片，让游
客来得舒心、住得安心。”
"""

# A caption first (新华社记者 … 摄), a feature with a plain 本报记者 byline line and a
# brief inside it whose headline comes after the feature, then a brief with an inline (记者 …).
PAGE_CAPTION_FIRST = """\
9月30日，市民在北京市
朝阳区奥林匹克公园观看
“我爱你中国”主题灯光
秀。节日期间，公园组织
300余名志愿者维护游园
秩序。
新华社记者 李强 摄

小积分兑出文明大风尚

——江西赣州市推广文明实践积分制工作纪实

本报记者 胡晓东 通讯员 钟丽萍

走进江西省赣州市于都县梓山镇潭头村的“
爱心超市”，货架上摆满了毛巾、洗衣粉、食用
油等生活用品，村民们正拿着积分卡排队兑换。

“打扫卫生、参加志愿服务都能攒积分，用
积分换东西，大家的积极性可高了。”村民刘秀
兰一边兑换洗衣粉一边说。

本报讯（黄小娟 韦强）日前，广
西壮族自治区南宁市青秀区举办第
五届“邻里节”活动，通过百家宴、
才艺展示、旧物交换等形式，拉近
邻里距离。

据悉，“邻里节”期间，全区各社
区共开展活动80余场，参与居民超
过1.5万人次。

近年来，赣州市在全市推广文明实践积分制，
把孝老爱亲、邻里互助、环境卫生等内容纳入积
分管理，目前已覆盖全市3400余个行政村。

赣州市文明办有关负责人介绍：

“下一步，我们将进一步完善积分评价标准，让
积分制成为基层治理的有效抓手。”

广西南宁市青秀区开展“邻里节”活动

重庆市渝中区评选“最美志愿者”

近日，重庆市渝中区公布2024年度
“最美志愿者”评选结果，20名志
愿者获此称号。

获评者中，既有坚持为社区老人义
务理发10年的理发师，也有常年在
解放碑街头提供指路服务的大学生。
（记者 王五）
"""


EXPECTED = {
    "PAGE_FEATURE_WITH_BRIEF_INSIDE": [
        {
            "headline": '绿水青山间的文明新篇',
            "subheadline": '浙江丽水市深化文明乡村建设工作侧记',
            "byline": ['周明远', '陈晓雯'],
            "body": (
                "今年以来，浙江省丽水市坚持以文明乡村建设为抓手，把社会主义核心价值观融入村规民约、融入产业发展、融入群众生活，全市乡村文明程度持续提升，一批批“美丽乡村”变成了“文明乡村”。\n"
                "清晨六点，莲都区碧湖镇新合村的保洁员叶美珍已经推着分类垃圾车出门了。“以前垃圾随手扔，现在家家户户都会分类，村里干净多了。”叶美珍说。\n"
                "截至目前，丽水市已建成垃圾分类示范村326个，农村生活垃圾分类覆盖率达到98.6%，累计改造提升农村公厕1200余座，村庄环境面貌焕然一新。\n"
                "在缙云县，村里的文化礼堂成了群众最爱去的地方。今年以来，全县文化礼堂共举办“我们的村晚”、道德讲堂等活动1800余场次。\n"
                "松阳县四都乡的陈家铺村有一个特别的“家风馆”，馆里陈列着村民们的家训家规。“这些家训是老祖宗留下来的宝贵财富，我们要一代代传下去。”村党支部书记陈建平说。\n"
                "丽水市委宣传部有关负责人表示，下一步，丽水将持续推进移风易俗，让文明乡风吹遍浙西南的山山水水。"
            ),
        },
        {
            "headline": '江苏常州市武进区开展“文明餐桌”行动',
            "subheadline": None,
            "byline": ['刘海涛'],
            "body": (
                "近日，江苏省常州市武进区在全区餐饮行业开展“文明餐桌”行动，倡导“光盘行动”和公筷公勺，引导市民养成节约用餐的好习惯。\n"
                "活动期间，武进区组织志愿者走进120余家餐馆发放倡议书，张贴宣传海报，并评选出20家“文明餐桌示范店”。"
            ),
        },
        {
            "headline": None,
            "subheadline": None,
            "byline": ['吴建国'],
            "body": (
                "10月3日，游客在湖南省张家界市武陵源区景区内有序排队乘坐观光车。国庆假期，当地组织200余名志愿者开展文明引导服务。"
            ),
        },
        {
            "headline": '安徽黄山市黟县评选“最美庭院”',
            "subheadline": None,
            "byline": ['汪小燕'],
            "body": (
                "近日，安徽省黄山市黟县公布2024年度“最美庭院”评选结果，西递镇、宏村镇等乡镇的50户家庭上榜。\n"
                "据介绍，黟县“最美庭院”评选已连续开展5年，累计带动2万余户家庭参与庭院整治。"
            ),
        },
    ],
    "PAGE_HEADLINE_AFTER_BODY": [
        {
            "headline": None,
            "subheadline": '四川绵阳市推进新时代文明实践中心建设工作综述',
            "byline": [],
            "body": (
                "近年来，四川省绵阳市以新时代文明实践中心建设为牵引，聚焦群众所需所盼，推动文明实践阵地建起来、队伍强起来、活动实起来，城乡文明水平不断提升。\n"
                "走进涪城区城厢街道新时代文明实践所，图书阅览室、心理咨询室、四点半课堂等功能室一应俱全。今年以来，这里累计开展各类活动260余场次，服务群众1.2万人次。\n"
                "目前，绵阳市已建成新时代文明实践中心10个、实践所278个、实践站3700余个，实现市、县、乡、村四级全覆盖。\n"
                "“能为大家做点事，心里很踏实。”退休教师何淑芬加入志愿服务队已经8年，她和队员们每周都要到社区为老人读报、量血压。\n"
                "全市现有注册志愿者86.5万人，志愿服务组织2400余个，今年以来开展志愿服务活动3.2万场次，形成了“绵州志愿红”等一批志愿服务品牌。"
            ),
        },
        {
            "headline": '山东威海市环翠区启动志愿服务月活动',
            "subheadline": None,
            "byline": ['郑晓琳', '王磊'],
            "body": (
                "日前，山东省威海市环翠区启动“志愿服务月”活动，组织全区3000余名志愿者走进社区、景区和交通路口开展志愿服务。\n"
                "活动期间，环翠区将围绕关爱老人、文明交通、环境整治等内容，开展各类志愿服务活动200余场。"
            ),
        },
        {
            "headline": None,
            "subheadline": None,
            "byline": ['陈志强'],
            "body": (
                "国庆期间，广东省广州市越秀区组织志愿者在北京路步行街为游客提供咨询服务。"
            ),
        },
        {
            "headline": '湖北宜昌市夷陵区举办农民丰收节文明实践活动',
            "subheadline": None,
            "byline": ['田甜', '覃玉梅'],
            "body": (
                "9月22日，湖北省宜昌市夷陵区在龙泉镇举办2024年农民丰收节文明实践活动，近千名群众参加。\n"
                "活动现场，当地还表彰了30户“文明家庭”和10名“好婆婆”“好媳妇”。"
            ),
        },
    ],
    "PAGE_TWO_BRIEFS_AND_SAME_WIDTH_FEATURE": [
        {
            "headline": '河南郑州市金水区召开文明城市创建推进会',
            "subheadline": None,
            "byline": ['马丽'],
            "body": (
                "10月8日，河南省郑州市金水区召开文明城市创建工作推进会，总结前三季度创建工作，安排部署下一阶段重点任务。\n"
                "会议要求，各街道要聚焦背街小巷、老旧小区等薄弱环节，补齐短板，确保创建工作取得实效。"
            ),
        },
        {
            "headline": '陕西延安市宝塔区志愿者清扫积雪',
            "subheadline": None,
            "byline": ['高志伟'],
            "body": (
                "11月12日，陕西省延安市宝塔区迎来入冬后首场降雪，区文明办组织500余名志愿者走上街头清扫积雪，保障群众安全出行。"
            ),
        },
        {
            "headline": '古城新韵',
            "subheadline": None,
            "byline": ['孙佳怡', '李明轩'],
            "body": (
                "秋日的山西省晋中市平遥古城，游人如织。近年来，平遥县坚持以文明创建为抓手，守护古城风貌，提升服务水平，让千年古城焕发新的生机。\n"
                "“以前巷子里电线乱拉，现在全部入地了，看着清爽多了。”家住西大街的居民王秀英说。今年以来，平遥县改造提升古城街巷32条，新增停车位800余个。\n"
                "古城里的志愿者随处可见。“古城讲解员”志愿服务队由退休教师和大学生组成，常年为游客提供义务讲解，今年已服务游客5万余人次。\n"
                "平遥县文明办主任郭建华表示：“我们将持续擦亮古城文明名片，让游客来得舒心、住得安心。”"
            ),
        },
        {
            "headline": '甘肃敦煌市开展文明旅游宣传',
            "subheadline": None,
            "byline": ['张晓燕'],
            "body": (
                "近日，甘肃省敦煌市在莫高窟、鸣沙山月牙泉等景区开展文明旅游宣传活动，倡导游客文明出游。"
            ),
        },
    ],
    "PAGE_CAPTION_FIRST": [
        {
            "headline": None,
            "subheadline": None,
            "byline": ['李强'],
            "body": (
                "9月30日，市民在北京市朝阳区奥林匹克公园观看“我爱你中国”主题灯光秀。节日期间，公园组织300余名志愿者维护游园秩序。"
            ),
        },
        {
            "headline": '小积分兑出文明大风尚',
            "subheadline": '江西赣州市推广文明实践积分制工作纪实',
            "byline": ['胡晓东', '钟丽萍'],
            "body": (
                "走进江西省赣州市于都县梓山镇潭头村的“爱心超市”，货架上摆满了毛巾、洗衣粉、食用油等生活用品，村民们正拿着积分卡排队兑换。\n"
                "“打扫卫生、参加志愿服务都能攒积分，用积分换东西，大家的积极性可高了。”村民刘秀兰一边兑换洗衣粉一边说。\n"
                "近年来，赣州市在全市推广文明实践积分制，把孝老爱亲、邻里互助、环境卫生等内容纳入积分管理，目前已覆盖全市3400余个行政村。\n"
                "赣州市文明办有关负责人介绍：“下一步，我们将进一步完善积分评价标准，让积分制成为基层治理的有效抓手。”"
            ),
        },
        {
            "headline": '广西南宁市青秀区开展“邻里节”活动',
            "subheadline": None,
            "byline": ['黄小娟', '韦强'],
            "body": (
                "日前，广西壮族自治区南宁市青秀区举办第五届“邻里节”活动，通过百家宴、才艺展示、旧物交换等形式，拉近邻里距离。\n"
                "据悉，“邻里节”期间，全区各社区共开展活动80余场，参与居民超过1.5万人次。"
            ),
        },
        {
            "headline": '重庆市渝中区评选“最美志愿者”',
            "subheadline": None,
            "byline": ['王五'],
            "body": (
                "近日，重庆市渝中区公布2024年度“最美志愿者”评选结果，20名志愿者获此称号。\n"
                "获评者中，既有坚持为社区老人义务理发10年的理发师，也有常年在解放碑街头提供指路服务的大学生。"
            ),
        },
    ],
}
PAGES = {name: globals()[name] for name in EXPECTED}


def _squash(text: str) -> str:
    return "".join(text.split())


def _in_reading_order(name: str) -> list[dict]:
    """Expected articles ordered by where their body starts on the page."""
    page = _squash(PAGES[name])
    return sorted(EXPECTED[name], key=lambda e: page.find(_squash(e["body"])[:12]))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_article_found_whole_and_in_reading_order(name):
    articles = split_page(PAGES[name])
    expected = _in_reading_order(name)
    assert [a.body for a in articles] == [e["body"] for e in expected]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(name):
    articles = split_page(PAGES[name])
    expected = _in_reading_order(name)
    assert [(a.headline, a.subheadline, a.byline) for a in articles] == [
        (e["headline"], e["subheadline"], e["byline"]) for e in expected
    ]


FEATURES = {
    "PAGE_FEATURE_WITH_BRIEF_INSIDE": ("绿水青山间的文明新篇", ["/ 村庄焕颜 / 垃圾分类走进千家万户", "/ 乡风向善 / 好家风代代相传"]),
    "PAGE_HEADLINE_AFTER_BODY": (None, ["以阵地建设夯实基础", "以志愿服务凝聚力量"]),
    "PAGE_TWO_BRIEFS_AND_SAME_WIDTH_FEATURE": ("古城新韵", ["/ 街区更新 /", "守护古城文脉"]),
    "PAGE_CAPTION_FIRST": ("小积分兑出文明大风尚", []),
}


def _feature(name: str):
    headline = FEATURES[name][0]
    return max((a for a in split_page(PAGES[name]) if a.headline == headline), key=lambda a: len(a.body))


@pytest.mark.parametrize("name", sorted(FEATURES))
def test_section_subheads_kept_out_of_the_body(name):
    feature = _feature(name)
    assert feature.subheads == FEATURES[name][1]
    for subhead in feature.subheads:
        assert subhead.strip("/ ").split(" ")[-1] not in feature.body


@pytest.mark.parametrize("name", sorted(FEATURES))
def test_other_articles_have_no_subheads(name):
    feature = _feature(name)
    assert [a.subheads for a in split_page(PAGES[name]) if a.body != feature.body] == [[], [], []]

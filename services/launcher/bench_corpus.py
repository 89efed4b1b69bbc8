"""Generated article variations for `newsevents bench pipeline` (not copies: every text differs).

Templates and slot values are written for the benchmark; they read like short local news items.
"""

from __future__ import annotations

import random

PLACES = [
    ("甘肃省平凉市", "平凉市"), ("四川省达州市", "达州市"), ("福建省泉州市泉港区", "泉港区"),
    ("青海省西宁市湟中区", "湟中区"), ("云南省昆明市", "昆明市"), ("河南省鹤壁市", "鹤壁市"),
    ("湖北省宜昌市", "宜昌市"), ("浙江省湖州市安吉县", "安吉县"), ("吉林省长春市朝阳区", "朝阳区"),
    ("江西省南昌市西湖区", "西湖区"), ("贵州省贵阳市白云区", "白云区"), ("山西省晋中市平遥县", "平遥县"),
]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴倩", "徐明", "孙丽"]
TOPICS = ["文明城市创建", "志愿服务", "移风易俗", "乡村振兴", "生态环境保护", "新时代文明实践", "城市更新", "全民阅读"]
LEADS = ["近日", "日前", "连日来", "今年以来", "{m}月{d}日"]
TEMPLATES = [
    "{lead}，{full}召开{topic}工作推进会，总结前期工作，部署下一阶段任务。会议要求，各单位要压实责任，"
    "确保{topic}工作取得实效。据了解，今年以来全市共开展{topic}活动{n}场次，参与群众{k}万人次。",
    "{lead}，{full}举办第{ord}届{topic}主题比赛决赛，共有{n}支队伍{k}00余人参赛。“{quote}”参赛选手{name}说。",
    "{lead}，{full}启动{topic}专项行动，组建志愿服务队伍{n}支，实名注册志愿者{k}万人。{short}相关负责人表示，"
    "将持续推动{topic}常态长效。",
    "{lead}，{full}印发《{short}{topic}实施方案》，明确{n}项重点任务。方案提出，到年底建成示范点{k}个。",
    "{lead}，{full}对{topic}工作开展专项督查，采取明察暗访方式，共发现问题{n}个，已全部交办整改。",
    "{lead}，{short}{name}在巡查时发现一名老人晕倒在路边，立即将老人送往医院。“{quote}”{name}说。",
    "{lead}，{full}{n}人入选“中国好人榜”，{k}人获评省级道德模范，{short}着力打造“好人之城”。",
    "{lead}，{full}累计改造老旧小区{n}个，新建口袋公园{k}个，打通断头路{d}条，群众满意度达到9{d}.5%。",
]
QUOTES = ["我们将继续努力，把好事办好", "这是我们应该做的事", "能为家乡出一份力，感到很自豪", "活动很有意义，收获很大"]


def variations(count: int, *, seed: int = 7, published: str = "2024-10-10", source: str = "bench") -> list[dict]:
    rng = random.Random(seed)
    items = []
    for i in range(count):
        full, short = rng.choice(PLACES)
        topic = rng.choice(TOPICS)
        slots = {
            "full": full, "short": short, "topic": topic, "name": rng.choice(NAMES), "quote": rng.choice(QUOTES),
            "n": rng.randint(2, 900), "k": rng.randint(1, 90), "d": rng.randint(1, 9), "ord": rng.randint(2, 12),
            "m": rng.randint(1, 9), "lead": "",
        }
        slots["lead"] = rng.choice(LEADS).format(m=slots["m"], d=rng.randint(1, 28))
        body = "\n".join(rng.choice(TEMPLATES).format(**slots) for _ in range(rng.randint(1, 3)))
        items.append({
            "source": source, "external_id": f"{source}-{seed}-{i}", "published": published,
            "headline": f"{short}推进{topic}工作（{i}）", "body": body,
        })
    return items

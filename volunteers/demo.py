"""Demo content of Green Ribbon volunteering: teams, volunteers, activities with
shifts in every phase, sign-ups with full shifts and waitlists.

Used by ``manage.py seed_volunteers`` (run by ``seed_demo``). Idempotent and
deterministic: every row is keyed (email, team slug, page slug) and generated once
from random generators seeded by those keys; a shift's sign-ups are created only
while it has none. Dates follow the clock: when a re-run on a later day moves an
activity's dates, its shifts and sign-ups move with it, so it stays in its phase."""

import random
from datetime import timedelta
from typing import NamedTuple

# Teams: (slug, name, unit or None, district, community, description).
TEAMS = [
    (
        "minzheng-lsd",
        "市民政局绿丝带志愿服务队",
        "贵阳市民政局",
        "观山湖区",
        "",
        "关爱空巢老人、困境儿童，协助开展社会救助政策宣传。",
    ),
    (
        "shengtai-lsd",
        "生态环境绿丝带志愿服务队",
        "贵阳市生态环境局",
        "观山湖区",
        "",
        "垃圾分类宣传、河道清洁和生态环境保护宣传。",
    ),
    (
        "zhiyuanzhe-xiehui",
        "贵阳市志愿者协会应急志愿服务队",
        "贵阳市志愿者协会",
        "观山湖区",
        "",
        "参与应急救援演练、大型活动保障和文明城市创建。",
    ),
    (
        "huaguoyuan-lsd",
        "花果园社区绿丝带志愿服务队",
        "南明区花果园社区居民委员会",
        "南明区",
        "花果园社区",
        "社区邻里互助、楼栋巡查和政策宣传。",
    ),
    (
        "gongjiao-wenming",
        "公交集团文明交通志愿服务队",
        "贵阳市公共交通集团有限公司",
        "云岩区",
        "",
        "站台文明引导和文明交通劝导。",
    ),
    (
        "yifuyuan-yiliao",
        "医大附院医疗志愿服务队",
        "贵州医科大学附属医院",
        "云岩区",
        "",
        "义诊、健康讲座和急救知识普及。",
    ),
    (
        "zhonghua-laodang",
        "中华北路社区“五老”志愿服务队",
        None,
        "云岩区",
        "中华北路社区",
        "由退休干部、老党员组成，开展矛盾调解和家风宣讲。",
    ),
    (
        "xiaohe-falv",
        "花溪大学城法律志愿服务队",
        None,
        "花溪区",
        "大学城社区",
        "法律专业师生提供法律咨询和普法宣传。",
    ),
]

COMMUNITIES = {
    "南明区": ["花果园社区", "新华路社区", "油榨街社区", "兴关路社区"],
    "云岩区": ["中华北路社区", "黔灵东路社区", "延安中路社区", "北京路社区"],
    "花溪区": ["大学城社区", "清溪路社区", "明珠社区"],
    "观山湖区": ["金华园社区", "碧海社区", "世纪城社区"],
    "乌当区": ["新天社区", "高新社区"],
    "白云区": ["大山洞社区", "艳山红社区"],
}
SKILLS = [
    "普通话宣讲",
    "摄影",
    "急救证",
    "法律咨询",
    "驾驶",
    "手语",
    "心理疏导",
    "护理",
    "电脑操作",
    "书法",
    "",
]
AVAILABILITY = ["周末全天", "工作日晚上", "周六上午", "随时可以", "周日下午"]
EXTRA_VOLUNTEERS = 172
PENDING_EVERY = 11  # one volunteer in eleven awaits review
FIRST_RESIDENT_VOLUNTEER = 3  # resident01 and 02 stay free to try registering


class DemoActivity(NamedTuple):
    slug: str
    title: str
    category: str
    unit: str
    team: str | None
    district: str
    place: str
    summary: str
    # Days from today of the first shift; the sign-up window follows from it.
    day: int
    # (start hour, hours, capacity, role) per shift.
    shifts: tuple
    # Share of the places taken (above 1: full, with a waitlist).
    demand: float = 0.7
    skills: str = ""


SORTING = "垃圾分类宣传"
A = DemoActivity
ACTIVITIES = [
    # Finished.
    A(
        "laji-fenlei-huaguoyuan-1",
        "花果园社区垃圾分类宣传（第一期）",
        "environment",
        "贵阳市生态环境局",
        "shengtai-lsd",
        "南明区",
        "南明区花果园中央商务区广场",
        "在小区出入口和投放点引导居民分类投放，发放宣传手册。",
        -40,
        ((9, 3, 12, "宣传员"), (14, 3, 12, "引导员")),
        0.95,
    ),
    A(
        "nanminghe-qingjie-1",
        "南明河清洁志愿行动",
        "environment",
        "贵阳市生态环境局",
        "shengtai-lsd",
        "南明区",
        "南明区甲秀楼至南明河畔步道",
        "沿南明河步道捡拾垃圾，劝导不文明行为。",
        -33,
        ((8, 4, 20, "清洁队员"),),
        0.9,
    ),
    A(
        "wenming-jiaotong-penshuichi",
        "喷水池路口文明交通劝导",
        "traffic",
        "贵阳市公共交通集团有限公司",
        "gongjiao-wenming",
        "云岩区",
        "云岩区喷水池路口",
        "早高峰在路口劝导行人和非机动车遵守信号灯。",
        -26,
        ((7, 2, 8, "劝导员"), (17, 2, 8, "劝导员")),
        1.0,
    ),
    A(
        "kongchao-laoren-guanai-1",
        "关爱空巢老人上门探访",
        "elderly",
        "贵阳市民政局",
        "minzheng-lsd",
        "云岩区",
        "云岩区中华北路社区",
        "两人一组上门探访空巢老人，陪伴聊天、检查家中用电安全。",
        -19,
        ((9, 4, 10, "探访员"),),
        0.8,
    ),
    A(
        "12319-rexian-xuanchuan-1",
        "12319城建服务热线进社区宣传",
        "community",
        "贵阳市住房和城乡建设局",
        None,
        "观山湖区",
        "观山湖区金华园社区服务中心",
        "向居民介绍12319热线受理范围，现场收集城建问题。",
        -12,
        ((9, 3, 6, "宣传员"),),
        0.7,
    ),
    A(
        "falv-zixun-dxc-1",
        "法律咨询进社区",
        "legal",
        "贵阳市志愿者协会",
        "xiaohe-falv",
        "花溪区",
        "花溪区大学城社区服务站",
        "法律专业志愿者为居民解答婚姻家庭、劳动争议等问题。",
        -8,
        ((14, 3, 5, "咨询员"),),
        0.8,
        "法律咨询",
    ),
    A(
        "yizhen-huaguoyuan",
        "社区义诊与健康咨询",
        "health",
        "贵州医科大学附属医院",
        "yifuyuan-yiliao",
        "南明区",
        "南明区花果园社区卫生服务站",
        "测量血压血糖，开展慢病健康咨询。",
        -5,
        ((9, 3, 8, "导诊员"),),
        0.9,
    ),
    # Open for sign-up (some full, with waitlists).
    A(
        "laji-fenlei-huaguoyuan-2",
        "花果园社区垃圾分类宣传（第二期）",
        "environment",
        "贵阳市生态环境局",
        "shengtai-lsd",
        "南明区",
        "南明区花果园中央商务区广场",
        "在小区出入口和投放点引导居民分类投放，发放宣传手册。",
        1,
        ((9, 3, 10, "宣传员"), (14, 3, 10, "引导员")),
        1.3,
    ),
    A(
        "nanminghe-qingjie-2",
        "南明河清洁志愿行动（周末场）",
        "environment",
        "贵阳市生态环境局",
        "shengtai-lsd",
        "南明区",
        "南明区甲秀楼至南明河畔步道",
        "沿南明河步道捡拾垃圾，劝导不文明行为。",
        3,
        ((8, 4, 15, "清洁队员"),),
        1.4,
    ),
    A(
        "wenming-jiaotong-beijinglu",
        "北京路文明交通劝导",
        "traffic",
        "贵阳市公共交通集团有限公司",
        "gongjiao-wenming",
        "云岩区",
        "云岩区北京路与中华北路交叉口",
        "早晚高峰路口劝导，引导乘客文明排队乘车。",
        4,
        ((7, 2, 6, "劝导员"), (17, 2, 6, "劝导员")),
        1.2,
    ),
    A(
        "kongchao-laoren-guanai-2",
        "关爱空巢老人·重阳敬老",
        "elderly",
        "贵阳市民政局",
        "minzheng-lsd",
        "云岩区",
        "云岩区中华北路社区日间照料中心",
        "为老人包饺子、表演节目，开展防诈骗宣传。",
        6,
        ((9, 4, 12, "服务员"),),
        0.6,
    ),
    A(
        "12319-rexian-xuanchuan-2",
        "12319城建服务热线宣传（观山湖场）",
        "community",
        "贵阳市住房和城乡建设局",
        None,
        "观山湖区",
        "观山湖区世纪城社区广场",
        "向居民介绍12319热线受理范围，现场收集城建问题。",
        5,
        ((9, 3, 6, "宣传员"),),
        0.5,
    ),
    A(
        "falv-zixun-dxc-2",
        "法律咨询进社区（第二场）",
        "legal",
        "贵阳市志愿者协会",
        "xiaohe-falv",
        "花溪区",
        "花溪区清溪路社区服务中心",
        "法律专业志愿者为居民解答婚姻家庭、劳动争议等问题。",
        7,
        ((14, 3, 4, "咨询员"),),
        1.5,
        "法律咨询",
    ),
    A(
        "fangzha-xuanchuan-yunyan",
        "反诈宣传进社区",
        "community",
        "贵阳市志愿者协会",
        "zhiyuanzhe-xiehui",
        "云岩区",
        "云岩区延安中路社区",
        "讲解常见电信诈骗手法，帮助老人安装反诈应用。",
        2,
        ((10, 2, 8, "宣讲员"), (15, 2, 8, "宣讲员")),
        0.9,
    ),
    A(
        "jijiu-peixun-gsh",
        "应急救护知识普及",
        "emergency",
        "贵阳市志愿者协会",
        "zhiyuanzhe-xiehui",
        "观山湖区",
        "观山湖区金华园社区服务中心",
        "协助医生向居民演示心肺复苏和止血包扎。",
        8,
        ((9, 3, 6, "助教"),),
        1.2,
        "急救证",
    ),
    A(
        "ertong-kehou-fudao",
        "困境儿童课后辅导",
        "children",
        "贵阳市民政局",
        "minzheng-lsd",
        "南明区",
        "南明区油榨街社区儿童之家",
        "辅导小学生完成作业，开展阅读陪伴。",
        3,
        ((16, 2, 5, "辅导员"),),
        0.8,
    ),
    A(
        "huaguoyuan-louxiang-xuncha",
        "花果园楼栋安全巡查",
        "emergency",
        "南明区花果园社区居民委员会",
        "huaguoyuan-lsd",
        "南明区",
        "南明区花果园社区各楼栋",
        "检查楼道消防通道是否畅通，提醒居民规范停放电动车。",
        1,
        ((19, 2, 10, "巡查员"),),
        0.6,
    ),
    # Sign-up not open yet.
    A(
        "laji-fenlei-huaguoyuan-3",
        "花果园社区垃圾分类宣传（第三期）",
        "environment",
        "贵阳市生态环境局",
        "shengtai-lsd",
        "南明区",
        "南明区花果园中央商务区广场",
        "在小区出入口和投放点引导居民分类投放，发放宣传手册。",
        20,
        ((9, 3, 12, "宣传员"),),
    ),
    A(
        "wenming-chengshi-chuangjian",
        "文明城市创建环境整治",
        "community",
        "贵阳市志愿者协会",
        "zhiyuanzhe-xiehui",
        "白云区",
        "白云区大山洞社区",
        "清理小广告，整理共享单车，劝导文明行为。",
        18,
        ((9, 3, 20, "队员"),),
    ),
    A(
        "yizhen-xiaohe",
        "花溪义诊进社区",
        "health",
        "贵州医科大学附属医院",
        "yifuyuan-yiliao",
        "花溪区",
        "花溪区明珠社区卫生服务中心",
        "测量血压血糖，开展慢病健康咨询。",
        24,
        ((9, 3, 8, "导诊员"),),
    ),
    A(
        "laodang-tiaojie",
        "“五老”调解进楼栋",
        "legal",
        "贵阳市志愿者协会",
        "zhonghua-laodang",
        "云岩区",
        "云岩区中华北路社区",
        "老党员、老干部上门调解邻里纠纷。",
        15,
        ((14, 3, 6, "调解员"),),
    ),
]


def seeded(key: str) -> random.Random:
    # Reproducible demo data, not secrets.
    return random.Random(f"canyu-volunteers:{key}")  # noqa: S311


def schedule(spec: DemoActivity, today):
    """(sign-up opens, sign-up closes, [(starts, ends, capacity, role)…])."""
    first = today + timedelta(days=spec.day)
    shifts = []
    for number, (hour, hours, capacity, role) in enumerate(spec.shifts):
        starts = first.replace(hour=hour) + timedelta(days=number // 2 * 1)
        shifts.append((starts, starts + timedelta(hours=hours), capacity, role))
    opens = first - timedelta(days=14)
    closes = first - timedelta(hours=12)
    if spec.day > 10:  # not open yet
        opens = today + timedelta(days=spec.day - 8)
    return opens, closes, shifts


def volunteer_profile(rng: random.Random, *, districts: list[str]) -> dict:
    district = rng.choice(districts)
    communities = COMMUNITIES.get(district, [f"{district}城区社区"])
    categories = rng.sample(
        ["resident", "resident", "employee", "student", "retired", "legal"],
        k=rng.choice([1, 1, 2]),
    )
    if rng.random() < 0.06:
        categories.append(rng.choice(["deputy", "elders", "former_cadre"]))
    return {
        "district": district,
        "community": rng.choice(communities),
        "categories": sorted(set(categories)),
        "gender": rng.choice(["female", "male", "female", "male", "undisclosed"]),
        "birth_year": rng.randint(1956, 2005),
        "skills": rng.choice(SKILLS),
        "availability": rng.choice(AVAILABILITY),
        "show_on_leaderboards": rng.random() < 0.6,
    }


# A weekly series across Guiyang's communities, for history and volume.
SERIES = [
    (
        "laji-fenlei",
        "垃圾分类宣传",
        "environment",
        "贵阳市生态环境局",
        "shengtai-lsd",
        "在小区投放点引导居民分类投放，讲解厨余垃圾、可回收物的区分。",
        "宣传员",
    ),
    (
        "wenming-jiaotong",
        "文明交通劝导",
        "traffic",
        "贵阳市公共交通集团有限公司",
        "gongjiao-wenming",
        "在路口和公交站台劝导文明出行、有序排队。",
        "劝导员",
    ),
    (
        "kongchao-laoren",
        "关爱空巢老人",
        "elderly",
        "贵阳市民政局",
        "minzheng-lsd",
        "探访社区空巢、独居老人，陪伴聊天并检查用电用气安全。",
        "探访员",
    ),
    (
        "12319-xuanchuan",
        "12319热线宣传",
        "community",
        "贵阳市住房和城乡建设局",
        None,
        "介绍12319城建服务热线，现场登记居民反映的城建问题。",
        "宣传员",
    ),
    (
        "falv-zixun",
        "法律咨询进社区",
        "legal",
        "贵阳市志愿者协会",
        "xiaohe-falv",
        "为居民解答婚姻家庭、劳动争议、物业纠纷等法律问题。",
        "咨询员",
    ),
]
SERIES_DAYS = [-70, -63, -56, -49, -42, -35, -28, -21, -15, -10, 2, 5, 9, 12]
SERIES_PLACES = [
    ("云岩区", "黔灵东路社区"),
    ("南明区", "新华路社区"),
    ("观山湖区", "碧海社区"),
    ("花溪区", "清溪路社区"),
    ("白云区", "艳山红社区"),
    ("乌当区", "新天社区"),
    ("南明区", "兴关路社区"),
]


def series_activities() -> list[DemoActivity]:
    activities = []
    for number, day in enumerate(SERIES_DAYS, start=1):
        slug, name, category, unit, team, summary, role = SERIES[number % len(SERIES)]
        district, community = SERIES_PLACES[number % len(SERIES_PLACES)]
        rng = seeded(f"series:{number}")
        capacity = rng.choice([6, 8, 10, 12, 15])
        shifts = ((9, 3, capacity, role), (14, 3, capacity, role))
        activities.append(
            DemoActivity(
                f"{slug}-{number:02d}",
                f"{community}{name}",
                category,
                unit,
                team,
                district,
                f"{district}{community}服务中心门前广场",
                summary,
                day,
                shifts[: 1 + number % 2],
                rng.choice([0.6, 0.8, 0.9, 1.0, 1.3]),
            )
        )
    return activities


ACTIVITIES += series_activities()

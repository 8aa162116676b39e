"""Demo content for units' pledges: the commitments units choose from, and the
texts of reports, feedback and replies (used by ``manage.py seed_pledges``)."""

# (category, commitment, measurable target)
ITEM_CATALOGUE = [
    (
        "employees",
        "依法签订劳动合同，按时足额发放工资",
        "劳动合同签订率100%，无欠薪投诉",
    ),
    ("employees", "开展职工技能培训", "全年培训不少于800人次"),
    ("safety", "落实安全生产主体责任", "全年无较大及以上安全事故"),
    ("safety", "开展消防应急演练", "每季度至少1次，全员参加"),
    ("environment", "推进节能降耗", "单位能耗同比下降5%"),
    ("environment", "落实生活垃圾分类", "办公区分类投放准确率达90%"),
    ("community", "结对帮扶社区困难家庭", "每季度走访不少于1次，帮扶20户"),
    ("community", "参与社区环境整治", "每月参加1次社区清洁行动"),
    ("volunteering", "组织干部职工参加志愿服务", "人均志愿服务不少于20小时"),
    ("volunteering", "组建“绿丝带”志愿服务队", "队员不少于30人，全年活动12次"),
    ("open_facilities", "向社区开放职工活动中心和运动场地", "每周开放不少于3天"),
    ("open_facilities", "节假日开放停车场", "法定节假日向居民免费开放"),
    ("integrity", "诚信经营，公开服务承诺", "群众投诉办结率100%"),
    ("integrity", "廉洁自律，接受社会监督", "公开监督电话，24小时内回应"),
    ("other", "支持“创文”工作", "门前三包责任区达标率100%"),
]

PREAMBLE = (
    "<p>为深入推进“参与·共建”城市建设，积极履行社会责任，{unit}向社会郑重承诺如下，"
    "并通过报纸、电视、网站和公示栏公开，接受社会各界和广大市民监督。</p>"
)
SIGNATORIES = ["周建华", "陈立新", "吴文斌", "赵国强", "刘芳", "孙明", "黄伟", "郑秀英"]

REPORT_SUMMARIES = {
    True: "本年度各项承诺均已按计划落实，具体完成情况及佐证材料如下，欢迎社会监督。",
    False: "上半年各项承诺正在有序推进，部分指标已提前完成，下半年将继续落实。",
}
NARRATIVES = [
    "已制定专项工作方案并按月推进。",
    "由分管领导牵头，相关科室具体落实。",
    "完成情况已在单位公示栏和网站公开。",
    "结合群众意见调整了实施方式。",
]
EVIDENCE_LINKS = [
    ("工作台账（网站公开）", "https://www.gygov.gov.cn/"),
    ("新闻报道", "https://www.gywb.cn/"),
]

FEEDBACK = [
    ("comment", "这个承诺很实在，希望能坚持下去，也请定期公布进展。"),
    ("comment", "建议把开放时间公布在单位门口，方便居民了解。"),
    ("not_kept", "上周末去了两次活动中心都没有开门，承诺没有兑现。"),
    ("not_kept", "门前责任区卫生情况一般，希望加强管理。"),
    ("comment", "志愿服务活动很受社区老人欢迎，点赞！"),
]
REPLIES = [
    ("explained", "感谢您的监督。经核实，因设备检修临时闭馆，现已恢复正常开放。"),
    ("adopted", "感谢建议，我们已在门口和网站公布开放时间。"),
    ("partly", "已安排专人每日巡查，下一步将纳入考核。"),
]

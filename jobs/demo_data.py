"""The demo employers and their postings, written by hand so that they hold together.

Each employer has one industry and sits in the district its name gives; each
posting is written for its role. The sentences about education, experience and
benefits are not written here: jobs/demo.py writes them from the posting's own
header fields, so the header and the text cannot disagree.

Posting rows: (title, job type, salary min, salary max, education, experience,
family-friendly tags, what the work is, what she needs).
"""

from .choices import CompanySize as S
from .choices import Education as E
from .choices import Experience as X
from .choices import FamilyFriendly as F
from .choices import Industry as I
from .choices import JobType as T

INS, NURSING, FLEX, MATERNITY, PARENTAL, REMOTE, CHILDCARE = (
    F.INSURANCE, F.NURSING, F.FLEXIBLE, F.MATERNITY, F.PARENTAL, F.REMOTE, F.CHILDCARE)

EMPLOYERS = [
    {
        "name": "永川智造精密机械有限公司", "district": "永川", "industry": I.MANUFACTURING, "size": S.MEDIUM,
        "description": "位于永川高新区，生产数控机床零部件和汽车精密件，产品供应西南多家整车厂。"
                       "设有技能培训中心，新员工由老师傅一对一带教。",
        "postings": [
            ("质量检验员", T.FULL_TIME, 4500, 6000, E.ASSOCIATE, X.NONE, [INS, NURSING],
             "按图纸和检验规程对来料、半成品和成品进行尺寸与外观检验，填写检验记录，发现异常及时隔离并上报。",
             "会使用游标卡尺、千分尺等量具，能看懂机械图纸，机械类或质量管理类专业更佳。"),
            ("生产计划专员", T.FULL_TIME, 5500, 7500, E.BACHELOR, X.UNDER_1, [INS, NURSING, FLEX],
             "根据订单和产能编排车间周计划，跟踪物料齐套与工单进度，协调采购、仓库和车间解决交付问题。",
             "熟练使用 Excel 做数据透视和图表，了解 ERP 系统者优先，做事有条理、善于跨部门沟通。"),
            ("工艺技术员（实习）", T.INTERNSHIP, 3000, 3500, E.ASSOCIATE, X.NONE, [INS],
             "在工艺工程师指导下编写作业指导书，参与新产品试制，记录加工参数并整理工艺文件。",
             "机械制造、数控技术等专业在读或应届，能用 CAD 绘制简单零件图，实习期不少于三个月。"),
        ],
    },
    {
        "name": "渝中山城传媒有限公司", "district": "渝中", "industry": I.MEDIA, "size": S.SMALL,
        "description": "扎根解放碑的内容工作室，为本地文旅和餐饮品牌制作短视频、图文和线下活动物料。"
                       "团队二十余人，项目周期短、节奏快。",
        "postings": [
            ("新媒体编辑", T.FULL_TIME, 5000, 7000, E.BACHELOR, X.NONE, [INS, FLEX],
             "负责客户公众号和小红书账号的选题、撰稿与排版，每周复盘阅读和互动数据，提出改版建议。",
             "文字功底扎实，能写出有重庆味道的生活类内容，附上两篇自己写的文章更好。"),
            ("视频剪辑师", T.FULL_TIME, 6000, 9000, E.ASSOCIATE, X.ONE_TO_3, [INS, FLEX, REMOTE],
             "根据脚本剪辑探店、人物访谈类短视频，完成调色、字幕和包装，配合编导赶上线时间。",
             "熟练使用 Premiere 或剪映专业版，懂基本的镜头语言，投递时请附作品链接。"),
            ("平面设计师", T.FULL_TIME, 5500, 8000, E.ASSOCIATE, X.UNDER_1, [INS, FLEX],
             "为活动和品牌账号设计海报、长图和包装延展，参与线下物料的打样与验收。",
             "会用 Photoshop、Illustrator，有完整的作品集；视觉传达、数字媒体艺术等专业均可。"),
        ],
    },
    {
        "name": "江北星河财务咨询有限公司", "district": "江北", "industry": I.FINANCE, "size": S.SMALL,
        "description": "在观音桥商圈为两百多家中小企业代理记账、报税和财税咨询。"
                       "新人先跟随主管会计做账，一年内独立负责客户。",
        "postings": [
            ("财务会计助理", T.FULL_TIME, 4000, 5500, E.ASSOCIATE, X.NONE, [INS, NURSING, FLEX],
             "整理客户的原始凭证，录入记账软件，编制月度科目余额表，协助主管会计完成月末结账。",
             "会计、财务管理专业，熟悉借贷记账，持有初级会计职称者优先。"),
            ("出纳", T.FULL_TIME, 4000, 5000, E.ASSOCIATE, X.UNDER_1, [INS, NURSING],
             "办理公司日常收付款和网银操作，登记现金和银行日记账，每月与银行对账并编制余额调节表。",
             "细心可靠，对数字敏感，有出纳或收银经历更好。"),
            ("税务专员", T.FULL_TIME, 6000, 8500, E.BACHELOR, X.ONE_TO_3, [INS, NURSING, FLEX],
             "负责客户增值税、企业所得税和个税的申报，跟进税收优惠政策并为客户做税务提醒。",
             "熟悉电子税务局操作，了解小微企业税收政策，持有税务师或中级会计职称者优先。"),
        ],
    },
    {
        "name": "南岸弹子石会计师事务所", "district": "南岸", "industry": I.FINANCE, "size": S.MEDIUM,
        "description": "位于南滨路弹子石，提供年报审计、专项审计和内控咨询，客户以制造和商贸企业为主。"
                       "每年春季审计季会组织新人集中培训。",
        "postings": [
            ("审计助理", T.FULL_TIME, 5000, 7000, E.BACHELOR, X.NONE, [INS, MATERNITY, NURSING],
             "随项目组到客户现场执行审计程序：函证、盘点、抽凭，编制审计底稿并整理附件。",
             "审计、会计或财务管理专业，能接受审计季出差，通过注册会计师部分科目者优先。"),
            ("会计（外勤）", T.FULL_TIME, 5500, 7500, E.ASSOCIATE, X.ONE_TO_3, [INS, MATERNITY],
             "为委托客户做全盘账务，编制财务报表，配合审计项目组提供账套和凭证。",
             "能独立完成一家小企业的全盘账，熟悉用友或金蝶软件。"),
            ("审计实习生", T.INTERNSHIP, 2500, 3500, E.BACHELOR, X.NONE, [],
             "在年审季协助项目组整理资料、核对报表勾稽关系，学习审计底稿的编制方法。",
             "财经类专业大三、大四或研究生，每周能到岗四天，实习表现优秀可留用。"),
        ],
    },
    {
        "name": "沙坪坝启明教育培训学校", "district": "沙坪坝", "industry": I.EDUCATION, "size": S.SMALL,
        "description": "大学城附近的素质教育机构，开设少儿英语、阅读写作和科学实验课程。"
                       "教研组每周集体备课，新教师有三个月的带教期。",
        "postings": [
            ("少儿英语教师", T.FULL_TIME, 5000, 7500, E.BACHELOR, X.NONE, [INS, FLEX, PARENTAL],
             "为 6–12 岁学生上小班英语课，设计课堂游戏和分级阅读活动，课后与家长沟通学习情况。",
             "英语专业八级或同等水平，发音清晰，有教师资格证者优先。"),
            ("课程顾问", T.FULL_TIME, 4500, 8000, E.ASSOCIATE, X.UNDER_1, [INS, FLEX],
             "接待来访家长，了解孩子的学习需求并推荐合适的课程，安排试听并跟进报名。",
             "普通话标准，乐于和家长打交道，做过销售或教育咨询者优先。"),
            ("教务专员", T.FULL_TIME, 4000, 5500, E.ASSOCIATE, X.NONE, [INS, FLEX, PARENTAL],
             "排课、调课和教室安排，维护学员档案和课时记录，期末组织学习成果展示。",
             "熟练使用办公软件，耐心细致，能在周末轮班。"),
        ],
    },
    {
        "name": "九龙坡云帆软件有限公司", "district": "九龙坡", "industry": I.IT, "size": S.MEDIUM,
        "description": "位于九龙坡西部物流园旁的软件公司，为物流和制造企业开发仓储管理与排产系统。"
                       "技术团队采用双周迭代，代码评审是每天的日常。",
        "postings": [
            ("前端开发工程师", T.FULL_TIME, 8000, 12000, E.BACHELOR, X.UNDER_1, [INS, FLEX, REMOTE],
             "用 Vue 开发仓储系统的管理后台和移动端页面，与后端约定接口，修复线上问题。",
             "熟悉 HTML、CSS 和 JavaScript，做过一个完整的前端项目（课程设计也算），能读懂英文文档。"),
            ("软件测试工程师", T.FULL_TIME, 6500, 9000, E.BACHELOR, X.NONE, [INS, FLEX],
             "编写测试用例，执行功能和接口测试，提交缺陷并跟踪修复，参与版本发布前的回归测试。",
             "计算机相关专业，了解 SQL 和 HTTP，会用 Postman，有自动化测试兴趣者更好。"),
            ("数据分析师", T.FULL_TIME, 8000, 11000, E.BACHELOR, X.ONE_TO_3, [INS, FLEX, REMOTE],
             "分析客户仓库的出入库和库存数据，搭建看板，为库位优化和补货策略提供依据。",
             "熟练使用 SQL 和 Python（pandas），有统计学基础，能把分析结论讲给业务人员听懂。"),
        ],
    },
    {
        "name": "渝北空港物流有限公司", "district": "渝北", "industry": I.LOGISTICS, "size": S.LARGE,
        "description": "紧邻江北国际机场的航空货运代理和仓储企业，承接跨境电商和医药冷链货物。"
                       "实行两班制，提供班车和员工食堂。",
        "postings": [
            ("物流调度员", T.FULL_TIME, 5000, 6500, E.ASSOCIATE, X.NONE, [INS, NURSING],
             "根据航班和订单安排提货车辆与装卸班组，实时跟踪货物状态，处理延误和异常件。",
             "反应快、抗压能力强，能接受倒班，物流管理专业优先。"),
            ("报关单证专员", T.FULL_TIME, 5500, 7000, E.BACHELOR, X.UNDER_1, [INS, NURSING],
             "制作和审核报关单、装箱单、发票等单证，与海关和货代沟通，确保货物按时放行。",
             "英语读写良好，了解国际贸易术语，持有报关相关证书者优先。"),
            ("仓储管理员", T.FULL_TIME, 4500, 6000, E.ASSOCIATE, X.NONE, [INS, NURSING, CHILDCARE],
             "负责冷链仓的入库验收、库位管理和月度盘点，维护 WMS 系统中的库存数据。",
             "做事细致，能适应冷库环境（公司提供防寒装备），会用扫码枪和 Excel。"),
        ],
    },
    {
        "name": "巴南花溪幼儿园", "district": "巴南", "industry": I.EDUCATION, "size": S.SMALL,
        "description": "巴南区花溪街道的普惠性幼儿园，共九个班，户外场地宽敞，重视自然教育。"
                       "教职工子女可优先入园。",
        "postings": [
            ("幼儿园教师", T.FULL_TIME, 4000, 5500, E.ASSOCIATE, X.NONE, [INS, CHILDCARE, MATERNITY],
             "负责一个班级的保教工作，设计主题活动和区角游戏，观察记录幼儿发展并与家长沟通。",
             "学前教育专业，持有幼儿园教师资格证或正在考取，会弹琴、唱歌、讲故事。"),
            ("保育员", T.FULL_TIME, 3500, 4500, E.ANY, X.NONE, [INS, CHILDCARE],
             "协助教师照料幼儿的进餐、午睡和盥洗，做好班级卫生消毒和物品整理。",
             "喜欢孩子，有耐心，持有健康证，入职后参加保育员培训。"),
        ],
    },
    {
        "name": "北碚缙云康养中心", "district": "北碚", "industry": I.HEALTH, "size": S.MEDIUM,
        "description": "缙云山脚下的医养结合机构，设康复科、护理院和社区居家养老服务站。"
                       "与本地医学院校合作开展护理实训。",
        "postings": [
            ("护士", T.FULL_TIME, 5000, 7000, E.ASSOCIATE, X.NONE, [INS, NURSING, MATERNITY],
             "执行护理院长者的日常护理和用药管理，记录生命体征，配合医生完成查房和健康评估。",
             "护理专业，已取得或即将取得护士执业资格证，能接受轮班。"),
            ("康复治疗师", T.FULL_TIME, 6000, 8000, E.BACHELOR, X.UNDER_1, [INS, NURSING],
             "为术后和卒中康复的长者制定训练计划，开展运动治疗和作业治疗，定期评估进展。",
             "康复治疗学专业，持有康复治疗士证书者优先，有医院实习经历。"),
            ("健康管理师", T.FULL_TIME, 4500, 6500, E.ASSOCIATE, X.NONE, [INS, NURSING, FLEX],
             "为社区居家老人建立健康档案，电话随访慢病情况，组织健康讲座和体检活动。",
             "医学、护理或公共卫生相关专业，表达清楚、有亲和力。"),
        ],
    },
    {
        "name": "大渡口安达电子商务有限公司", "district": "大渡口", "industry": I.ECOMMERCE, "size": S.SMALL,
        "description": "在大渡口经营重庆特产的网店和直播间，主营火锅底料、小面和怪味胡豆。"
                       "仓库和直播间在同一园区，大促期间全员协作。",
        "postings": [
            ("电商运营专员", T.FULL_TIME, 5000, 7500, E.ASSOCIATE, X.UNDER_1, [INS, FLEX],
             "负责天猫和拼多多店铺的商品上架、活动报名和推广投放，每天分析流量与转化数据。",
             "熟悉主流电商平台后台，数据敏感，会用生意参谋等工具者优先。"),
            ("直播运营", T.FULL_TIME, 5500, 9000, E.ASSOCIATE, X.NONE, [INS, FLEX],
             "策划每场直播的选品和流程，布置直播间，场控配合主播，直播后复盘数据。",
             "对短视频和直播有热情，沟通能力强，能接受晚间直播排班（有调休）。"),
            ("客服专员（兼职）", T.PART_TIME, 2000, 3000, E.ANY, X.NONE, [FLEX, REMOTE],
             "在线回复顾客的售前咨询和售后问题，处理退换货，记录常见问题供团队改进。",
             "打字快、态度好，每周能在线二十小时以上，可居家办公。"),
        ],
    },
    {
        "name": "璧山青杠社区服务中心", "district": "璧山", "industry": I.PUBLIC, "size": S.MICRO,
        "description": "在璧山区青杠街道开展社区养老、青少年托管和困难家庭帮扶的社会服务机构。"
                       "项目由政府购买服务和公益基金支持。",
        "postings": [
            ("社会工作者", T.FULL_TIME, 4000, 5500, E.BACHELOR, X.NONE, [INS, FLEX, PARENTAL],
             "开展个案走访和小组活动，为社区老人和困境儿童链接资源，撰写服务记录和项目报告。",
             "社会工作专业，持有助理社会工作师证书者优先，愿意长期在基层服务。"),
            ("公益项目助理", T.FULL_TIME, 3800, 5000, E.ASSOCIATE, X.NONE, [INS, FLEX],
             "协助项目主管执行公益项目，招募和管理志愿者，整理活动照片和经费票据。",
             "组织能力强，会写简单的新闻稿，有校园志愿服务经历者优先。"),
            ("行政文员", T.PART_TIME, 1800, 2500, E.ASSOCIATE, X.NONE, [FLEX],
             "处理中心的来文收发、档案整理和物资登记，接待来访居民并做好记录。",
             "熟练使用办公软件，每周能到岗三天。"),
        ],
    },
    {
        "name": "江津几江农业发展有限公司", "district": "江津", "industry": I.AGRICULTURE, "size": S.MEDIUM,
        "description": "在江津种植和加工富硒花椒、柑橘，与周边两千多户农户签订收购协议。"
                       "公司正在建设产地直发的线上销售渠道。",
        "postings": [
            ("农产品电商专员", T.FULL_TIME, 4500, 6500, E.ASSOCIATE, X.NONE, [INS],
             "拍摄产地照片和短视频，维护线上店铺的商品详情页，对接快递和售后。",
             "会拍照和基础修图，了解网店运营，愿意经常到果园和加工厂一线。"),
            ("品控专员", T.FULL_TIME, 5000, 6500, E.BACHELOR, X.UNDER_1, [INS, NURSING],
             "对收购的花椒和柑橘做抽样检测，监督加工车间的卫生和工艺，整理食品安全记录。",
             "食品科学、农学相关专业，了解食品安全标准，能看懂检测报告。"),
            ("农业技术员", T.FULL_TIME, 4500, 6000, E.ASSOCIATE, X.NONE, [INS],
             "到合作农户的果园指导修剪、施肥和病虫害防治，记录田间数据并反馈给技术主管。",
             "园艺、植物保护等专业，能适应户外工作，公司提供交通补贴。"),
        ],
    },
    {
        "name": "合川钓鱼城文化旅游有限公司", "district": "合川", "industry": I.TOURISM, "size": S.MEDIUM,
        "description": "运营钓鱼城古战场景区的游客服务、研学旅行和节庆活动。"
                       "旺季为四月到十月，淡季安排员工培训。",
        "postings": [
            ("景区讲解员", T.FULL_TIME, 4000, 5500, E.ASSOCIATE, X.NONE, [INS, NURSING],
             "为游客和研学团队讲解钓鱼城的历史，带领游览路线，收集游客意见。",
             "普通话二级甲等以上，对历史有兴趣，持有导游证者优先。"),
            ("研学活动策划", T.FULL_TIME, 5000, 7000, E.BACHELOR, X.UNDER_1, [INS, NURSING, FLEX],
             "面向中小学设计研学课程和活动方案，对接学校，现场执行并做安全预案。",
             "教育、旅游管理或历史相关专业，写方案有条理，做过校园活动组织更好。"),
        ],
    },
    {
        "name": "荣昌夏布服饰有限公司", "district": "荣昌", "industry": I.RETAIL, "size": S.SMALL,
        "description": "以荣昌夏布为面料设计服装和家居用品，在重庆和成都开有六家直营门店。"
                       "设计工作室与非遗传承人长期合作。",
        "postings": [
            ("门店店长助理", T.FULL_TIME, 4500, 6500, E.ASSOCIATE, X.UNDER_1, [INS, NURSING, FLEX],
             "协助店长管理门店的排班、库存和陈列，接待顾客并讲解夏布的工艺和保养方法。",
             "喜欢服饰和传统手工艺，有零售或导购经历者优先。"),
            ("陈列设计师", T.FULL_TIME, 5500, 7500, E.BACHELOR, X.ONE_TO_3, [INS, FLEX],
             "按季度主题设计门店橱窗和陈列方案，制作陈列手册，巡店指导落地。",
             "服装设计、环境设计等专业，有门店陈列作品，能到成都出差。"),
            ("会员运营", T.FULL_TIME, 4500, 6500, E.ASSOCIATE, X.NONE, [INS, FLEX, REMOTE],
             "维护会员社群和小程序，策划会员日和新品预售活动，分析复购数据。",
             "善于和顾客交流，会写活动文案，熟悉企业微信者优先。"),
        ],
    },
    {
        "name": "大足石韵酒店管理有限公司", "district": "大足", "industry": I.TOURISM, "size": S.MEDIUM,
        "description": "在大足石刻景区附近经营一家精品酒店和三处民宿，接待文化游客和商务团队。"
                       "员工宿舍在酒店内，包工作餐。",
        "postings": [
            ("酒店前台接待", T.FULL_TIME, 3800, 5000, E.ASSOCIATE, X.NONE, [INS, NURSING],
             "办理入住和退房，解答客人关于景区和交通的问题，处理预订渠道的订单。",
             "形象端庄、服务意识强，能说简单的英语，接受三班倒。"),
            ("民宿管家", T.FULL_TIME, 4000, 5500, E.ANY, X.UNDER_1, [INS],
             "负责一处民宿的客人接待、房务检查和早餐安排，为客人推荐周边的游览线路。",
             "热情细心，会开车者优先，有酒店或民宿工作经历更好。"),
        ],
    },
    {
        "name": "铜梁安居医药连锁有限公司", "district": "铜梁", "industry": I.HEALTH, "size": S.LARGE,
        "description": "在铜梁和周边区县经营四十多家社区药房，提供处方药、中药饮片和慢病用药服务。"
                       "总部设有药学培训部。",
        "postings": [
            ("药店药师", T.FULL_TIME, 5500, 7500, E.ASSOCIATE, X.ONE_TO_3, [INS, NURSING, MATERNITY],
             "审核处方并指导顾客合理用药，管理门店的药品效期和温湿度记录。",
             "持有执业药师资格证，药学或中药学专业。"),
            ("药学实习生", T.INTERNSHIP, 2500, 3000, E.ASSOCIATE, X.NONE, [],
             "在带教药师指导下学习药品陈列、处方审核和用药咨询，参与门店盘点。",
             "药学相关专业在读，实习期三到六个月，表现优秀者毕业后可转正。"),
        ],
    },
]

# Postings kept back on purpose to show moderation: they stay with their employer
# (待修改) and never appear on the site. (employer index, title, the flagged line.)
FLAGGED = [
    (2, "前台文员", "男性优先，能适应出差。"),
    (6, "仓库统计员", "已婚已育优先，入职需提供婚育情况。"),
    (9, "护理员", "入职体检包含孕检项目。"),
]

# Postings sent for review and clean, so that a moderator's dashboard and queue have
# something to decide on (待审核; not on the site until approved).
WAITING = [
    (4, "行政助理", "熟练使用办公软件，做事细致有条理。"),
    (9, "网店客服专员", "普通话标准，有耐心，乐于沟通。"),
]

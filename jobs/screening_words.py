"""The vocabulary of the discrimination check (jobs/screening.py): each word or
phrase with the role it plays in a clause. The check reads a clause as a
sequence of these words (cut into as few as it can be, so 男女不限 is one word and
never 男 + 女 + 不限, 婚假 is a benefit and never 婚), and its rules look at
which roles meet in one clause. To teach it a new wording, add the word to the
role it plays here; the rules stay as they are.

Roles:
  MALE, FEMALE     who a limit or preference can be about (男性, 小伙子, 宝妈 is also MOTHER)
  PREFER           a preference: 优先, 为佳, 更合适, 为主 (after the person)
  LIMIT            a limit: 限, 只招, 要求, 须 (before the person)
  EXCLUDE          a refusal: 勿扰, 慎投, 谢绝, 不要
  SUITS            "suits …": 适合, 适宜
  JOB              an occupation: 男 + 业务员 is a job title with a gender built in
  RECRUIT          a verb of hiring: 招, 招聘, 诚聘
  LOOKS            looks, height, weight, age: with a BOUND (以上, 以下) a requirement...
  LOOKS_GOOD       ...or a judgement of looks (形象好, 五官端正), on one gender only
  BOUND            a bound: 以上, 以下, 不超过
  GENDER_LABEL     a form field "性别："
  STATUS           a marriage or childbearing status: 已婚, 未育, 单身, 宝妈, 二胎
  MARRIAGE_TOPIC   what may not be asked: 婚育情况, 婚姻状况, 生育计划
  QUESTION         a question about it: 婚否, 是否已婚, 有无子女
  DECLARE          a demand to tell or show: 注明, 说明, 填写, 提供, 出示
  MARRIAGE_PROOF   a certificate of it: 结婚证, 生育证明
  BEHAVIOUR        what a promise not to do would be about: 生育, 怀孕, 结婚, 要孩子
  PROHIBIT         "must not": 不得, 不能, 不准 (before a behaviour)
  PROMISE          a promise: 承诺, 保证
  PROMISE_NOT      a promise not to: 不生育, 不要孩子, 暂不结婚
  TEST             a pregnancy test, by any of its names: 孕检, 验孕, 妊娠检测, HCG
  PREGNANCY_PROOF  proof of not being pregnant: 未孕证明, 无孕证明
  ENTRY            the hiring check a test may be part of: 入职, 体检
  NEUTRAL          no gender condition: 男女不限, 性别不限, 不限男女
  BENEFIT          what the employer gives: 产假, 婚假, 生育保险, 母婴室
  THING            products, services and audiences: 男装, 婚纱, 孕产妇护理, 女性客户
  AUDIENCE         the people the job serves: 学员, 用户, 客户 ("学员以女性为主" is about them)
  NEGATION         the employer does not (ask, require, test): 不询问, 不含, 无需, 不要求
  AGAINST          a statement against discrimination: 歧视, 为由, 平等, 不影响
  DUTY             a task of the job, not a condition on her: 协助, 负责, 熟悉, 审批, 客户
  WELCOME          a welcome, not a limit: 欢迎, 友好
  APPLY            applying: 投递, 应聘 ("请男性求职者投递简历" calls one gender only)
  GENDERED_JOB     an English job title with a gender built in: waitress, salesman
  OTHER            a word that only looks like one of the above: 主要 (not 要), 特别 (not 别)
"""

MALE, FEMALE = "male", "female"
LOOKS_GOOD, BOUND, PROMISE_NOT, HEADCOUNT = "looks_good", "bound", "promise_not", "headcount"
PREFER, LIMIT, EXCLUDE, SUITS, JOB, RECRUIT, LOOKS, GENDER_LABEL = (
    "prefer", "limit", "exclude", "suits", "job", "recruit", "looks", "gender_label")
STATUS, MARRIAGE_TOPIC, QUESTION, DECLARE, MARRIAGE_PROOF, BEHAVIOUR, PROHIBIT, PROMISE = (
    "status", "marriage_topic", "question", "declare", "marriage_proof", "behaviour", "prohibit", "promise")
TEST, PREGNANCY_PROOF, ENTRY = "test", "pregnancy_proof", "entry"
AUDIENCE = "audience"
NEUTRAL, BENEFIT, THING, NEGATION, AGAINST, DUTY, WELCOME = (
    "neutral", "benefit", "thing", "negation", "against", "duty", "welcome")
# A person who is a mother is both a gender and a childbearing status.
MOTHER = "mother"
# A job title with a gender built in (waitress, salesman).
GENDERED_JOB = "gendered_job"
# Applying: a call to one gender to apply ("请男性求职者投递简历") is a limit.
APPLY = "apply"
# A word that contains a role's characters but means something else (主要 is not 要).
OTHER = "other"


def _words(role, text):
    return [(word, role) for word in text.split()]


def _vocabulary(*groups):
    """One dictionary of word -> role. A word may be listed twice for one role,
    never for two: which role it plays must be a decision, not list order."""
    vocabulary = {}
    for group in groups:
        for word, role in group:
            if vocabulary.setdefault(word, role) != role:
                raise ValueError(f"{word!r} is both {vocabulary[word]} and {role}")
    return vocabulary


CHINESE = _vocabulary(
    _words(EXCLUDE, "视为自动离职 自动离职 视为离职 解除劳动合同 解除合同 辞退 开除 自动解约 视同辞职"),
    _words(APPLY, "投递 投简历 投递简历 应聘 报名 来应聘 前来应聘"),
    _words(MALE, "男同事 老大哥 奶爸们"),
    _words(FEMALE, "女同事 老阿姨 阿姨们"),
    _words(MOTHER, "奶爸 宝爸 二胎爸爸"),
    _words(LOOKS, "化妆 淡妆 化淡妆 高跟鞋 穿高跟鞋 全身照 生活照 照片 半身照 艺术照"),
    _words(STATUS, "已脱单 脱单 有对象 有男朋友 有女朋友 恋爱中 谈恋爱中 无生娃计划 暂无生娃计划 无生孩子计划 "
                   "无结婚计划 无怀孕计划 无要孩子计划 近期不生娃 孩子已大 孩子大了 孩子已长大 娃已大 家庭稳定"),
    _words(BEHAVIOUR, "生娃 怀娃 生二宝 要二宝 生宝宝 要宝宝"),
    _words(MARRIAGE_TOPIC, "生娃计划 配偶 配偶工作单位 子女出生年月 子女出生 子女信息 子女数量 孩子数量 几个孩子"),
    _words(QUESTION, "有对象吗 有男朋友吗 有女朋友吗 结婚了吗 结婚没 有孩子吗 有小孩吗 打算多久结婚 什么时候结婚 "
                     "多久要孩子 娃多大 孩子多大 孩子几岁 娃几岁"),
    _words(MARRIAGE_PROOF, "婚育证明 婚育状况证明 婚育情况证明"),
    _words(TEST, "排除怀孕 排除妊娠 确认未孕 确认没有怀孕 加做相关检查 女性加查 女性加做"),
    _words(NEGATION, "不在 不作为录用条件 不作为录取依据 不作为录用依据 不作为条件 不作为依据 不作为标准 "
                     "不作为录取条件 不作为考虑因素"),
    _words(AGAINST, "劳动监察 人社局 通报 责令整改 整改 处罚 罚款 被罚 调查显示 数据显示 统计显示 报告显示 被问及 "
                    "曾被"),
    _words(OTHER, "同等条件下 同等条件"),
    _words(MOTHER, "哺乳期 孕期 产后 哺乳期的 孕期的 有孕的 怀孕的 已怀孕 在孕期 孕中"),
    _words(STATUS, "有娃 已有娃 有娃的 娃已上学 有宝宝 有孕 已生育过"),
    _words(THING, "体检中心 体检机构 体检科 健康体检中心 健康管理中心"),
    _words(ENTRY, "妇科检查 体检项目 检查项目 体检合格"),
    _words(AGAINST, "违规 投诉 举报 违法"),
    _words(NEGATION, "不将 不把 不会将 不会把"),
    _words(PREFER, "希望"),
    _words(STATUS, "已完成家庭规划 完成家庭规划 家庭规划已完成 二胎已生 已完成生育 生育已完成 完成生育"),
    _words(MALE, "男 男性 男生 男士 男子 男孩 男孩子 男青年 男同志 男同学 男员工 男职工 男工 男的 小伙子 小伙 帅哥 "
                 "汉子 男人 男性员工 男性候选人 男性求职者 男应聘者 先生们 帅小伙 大叔 大哥 小哥 小哥哥 靓仔 猛男 "
                 "壮汉 男同胞 男性人员 男性技术人员 男性应聘者 男孩子们 男士们"),
    _words(FEMALE, "女 女性 女生 女士 女子 女孩 女孩子 女青年 女同志 女同学 女员工 女职工 女工 女的 美女 小姐姐 "
                   "妹子 姑娘 女人 女性员工 女性候选人 女性求职者 女应聘者 小姐 女士们 靓女 阿姨 大姐 大妈 小妹 "
                   "妹纸 辣妹 女同胞 女性人员 女性应聘者 女孩子们"),
    _words(MOTHER, "宝妈 宝妈们 妈妈 妈妈们 全职妈妈 二胎妈妈 新手妈妈 已育女性 已婚已育女性 已婚女性 未婚女性 "
                   "孕妇 孕期女性 怀孕女性 准妈妈 孕妈 孕妈妈 单亲妈妈 孕期员工 孕期女职工 怀孕员工 孕期人员 "
                   "哺乳期女性 哺乳期员工 产后妈妈"),
    _words(PREFER, "优先 优先考虑 优先录用 优先录取 为佳 为宜 更佳 更好 更合适 合适 为主 最好 最佳 尤佳 首选 偏好 "
                   "倾向 倾向于 偏向 偏向于 者优先 择优 占优 理想人选 理想候选人 最理想 人选为 首选为 青睐 受青睐 "
                   "吃香 占优势 更受欢迎 更理想 建议 推荐 优选"),
    _words(LIMIT, "限 仅限 只限 限招 仅招 只招 只要 只收 仅收 只录用 只需 要求 需 须 必须 需要 应为 必需 仅面向 "
                  "只面向 面向 限于 仅接受 只接受 要 招收 只考虑 仅考虑 只看 只欢迎 仅欢迎 限定 指定 专招 特招"),
    _words(EXCLUDE, "勿扰 慎投 免扰 免谈 谢绝 勿投 勿来 勿应聘 莫扰 请绕道 绕道 不招 不要 不收 不考虑 不接受 拒绝 "
                    "除外 不予考虑 不适合 不合适 不录用 不予录用 不宜 劝退 勿 暂不考虑 暂不招 暂不招收 暂不接受 "
                    "暂不录用 暂不安排 慎重投递 慎重 谨慎投递 谨慎 慎入 慎来 别来 别投 就别来 别应聘 别找 免进 "
                    "请勿 婉拒 恕不 恕不考虑 不予 不招收 不欢迎"),
    _words(SUITS, "适合 适宜 适于 更适合 比较适合 最适合"),
    _words(JOB, "业务员 销售 销售员 司机 保安 秘书 助理 前台 服务员 主播 文员 模特 客服 会计 出纳 普工 技工 工人 "
                "操作工 员工 职员 店员 营业员 导购 收银员 厨师 保洁 保洁员 保姆 护工 护士 教师 老师 幼师 工程师 "
                "技术员 主管 经理 管家 快递员 骑手 搬运工 仓管 学徒 程序员 设计师 编辑 记者 翻译 客户经理 保洁员 "
                "主持人 礼仪 空乘 安保 质检员 讲师 顾问 专员 生 工 员 师"),
    _words(RECRUIT, "招 招聘 诚聘 急招 急聘 聘 聘请 招募 招一名 招两名 现招 高薪招聘 找"),
    _words(LOOKS, "身高 体重 形象 相貌 长相 五官 身材 颜值 外貌 容貌 皮肤 气质 年龄 岁"),
    _words(LOOKS_GOOD, "形象好 形象佳 形象气质佳 气质佳 气质好 身材好 身材匀称 五官端正 貌美 漂亮 苗条 清秀 端庄 "
                       "肤白 年轻貌美 颜值高 长相甜美 相貌端正 容貌端正 身材高挑 形象气质好"),
    _words(BOUND, "以下 以上 以内 不超过 不低于 至少 不高于 不得超过 之间 以下者 以上者"),
    _words(GENDER_LABEL, "性别 性别要求"),
    _words(STATUS, "已婚 未婚 单身 离异 丧偶 已育 未育 已生育 未生育 有孩子 有小孩 没孩子 没有孩子 无孩 无子女 "
                   "有子女 已婚已育 已婚未育 未婚未育 二胎 三胎 二孩 三孩 丁克 生过孩子 生完孩子 孩子已上学 "
                   "无生育计划 暂无生育计划 近期无生育计划 无婚育计划 近期无婚育计划 已生二胎 已生子女 单身贵族 "
                   "未婚未孕 已婚者 未婚者 已育者 未育者 婚育已完成 孩子已满 有家庭 已成家 未成家 未婚人士 "
                   "已婚人员 已婚优先 单身人士 刚结婚 新婚 备孕 备孕中 准备生育 准备要孩子 打算生育 计划生育二胎 "
                   "无需照顾家庭 不用照顾家庭 家庭负担小 无家庭负担 无家庭拖累 有老人带孩子 家里有人带孩子"),
    _words(MARRIAGE_TOPIC, "婚育情况 婚育状况 婚育状态 婚育计划 婚姻情况 婚姻状况 婚姻状态 生育情况 生育状况 "
                           "生育计划 生育打算 怀孕计划 怀孕打算 恋爱状况 恋爱情况 婚恋状况 婚恋情况 家庭计划 "
                           "婚育史 生育史 婚史 结婚计划 结婚打算 子女情况 孩子情况 孩子年龄 子女年龄 照看安排 "
                           "孩子由谁照顾 谁带孩子 托管安排 家庭成员情况 配偶情况 配偶信息 生育安排 婚育安排 "
                           "结婚安排 婚恋安排 家庭规划 生育规划 婚育规划 生育意愿 婚育意愿 要孩子的计划"),
    _words(QUESTION, "婚否 育否 是否已婚 是否结婚 是否生育 是否有孩子 是否有小孩 是否有子女 有无子女 有无孩子 "
                     "是否怀孕 是否单身 有没有孩子 有没有结婚 何时结婚 何时要孩子 什么时候要孩子 打算要孩子 "
                     "是否打算生育 是否有生育计划 有无生育计划 有无婚育计划"),
    _words(DECLARE, "了解 注明 说明 填写 写明 告知 如实 提供 上传 附上 标明 列明 介绍 询问 问 交代 出示 提交 上交 "
                    "携带 查验 核实 登记 汇报 报告 回答 声明 写清"),
    _words(MARRIAGE_PROOF, "结婚证 离婚证 未婚证明 婚姻状况证明 婚姻证明 单身证明 生育证明 准生证 生育服务证 "
                           "独生子女证 户口本婚姻页 无犯罪及婚姻证明"),
    _words(BEHAVIOUR, "生育 怀孕 结婚 生孩子 要孩子 生二胎 生三胎 生小孩 要小孩 谈恋爱 恋爱 婚育 生子 孕育 要二胎 "
                      "怀孕生子"),
    _words(PROMISE_NOT, "婚育承诺书 生育承诺书 婚育承诺 生育承诺 不生育承诺书 婚育保证书 生育保证书 不孕承诺书 "
                        "暂缓生育承诺"),
    _words(PROHIBIT, "不得 不能 不可 不准 不允许 不许 禁止 暂不 不可以 严禁 杜绝 避免 切勿"),
    _words(PROMISE, "承诺 保证 签订 签署 协议 约定 写下 年内 年之内 期间 期内 合同期 合同期内 试用期内 服务期 "
                    "服务期内 入职后"),
    _words(PROMISE_NOT, "不要孩子 不生孩子 不生育 不结婚 不怀孕 不生二胎 不生小孩 不要小孩 不要二胎 暂不生育 "
                        "暂不结婚 暂不要孩子 晚婚晚育 不生 不孕 不婚 不育 暂缓生育 推迟生育"),
    _words(TEST, "孕检 验孕 查孕 妊娠检测 妊娠测试 妊娠试验 妊娠检查 怀孕检查 怀孕检测 怀孕测试 早孕检测 早孕试纸 "
                 "尿妊娠 尿妊娠试验 hcg 尿hcg 血hcg β-hcg hcg检测 孕期检查 孕酮检测 查是否怀孕 妊娠筛查 孕早期检查 "
                 "验孕棒 b超查孕 绒毛膜促性腺激素 人绒毛膜促性腺激素 hcg试验 早早孕 早早孕检测 孕三项 妊娠三项"),
    _words(PREGNANCY_PROOF, "未怀孕证明 未孕证明 无孕证明 非孕证明 没有怀孕的证明 未妊娠证明 非孕期证明 "
                            "未怀孕的证明 不在孕期的证明 非妊娠证明 未孕检查报告 无妊娠 未妊娠 非妊娠 非孕 未孕 "
                            "无孕 没怀孕 未怀孕 没有怀孕 非孕期 不在孕期"),
    _words(ENTRY, "入职 体检 入职体检 录用 上岗 面试 试用期 录取 报到 入职前 上岗前"),
    _words(NEUTRAL, "男女不限 性别不限 不限性别 不限男女 男女均可 男女皆可 男女兼招 男女各半 男女平等 无性别要求 "
                    "无性别限制 不论性别 性别平等 男女同工同酬 男女都可以 男女都行 男女均衡 不分男女 无论男女 "
                    "不区分性别 性别无要求 男女各一名 男女各 男女生均可 不论男女 均可 皆可 都可以 都能做 都能 都行 "
                    "都可 均能 都欢迎 男女老少 男女员工 男士女士 男女两款"),
    _words(BENEFIT, "产假 婚假 育儿假 陪产假 护理假 哺乳假 孕产假 产检假 带薪产检 生育保险 生育津贴 生育补贴 "
                    "生育奖励 母婴室 哺乳室 妈妈小屋 爱心妈妈小屋 孕期保护 孕期关怀 孕妇关怀 孕期福利 婚育礼金 "
                    "结婚礼金 生育礼金 新婚礼金 子女教育 子女教育补贴 托育 托儿 育儿补贴 亲子 家庭日 三期保护 "
                    "女职工特殊保护 女性关怀 女职工权益 女性友好 婚嫁礼金 生日会 育儿 哺乳时间 产假工资 延长产假 "
                    "男性陪产假 弹性工作 妇女节 三八节 女神节"),
    _words(THING, "男装 女装 男鞋 女鞋 男士护肤 男士护肤品 男士服装 女士服装 男性健康 女性健康 女性用品 男科 妇科 "
                  "妇产科 妇产 妇幼 妇幼保健 妇女儿童 妇女 女性消费者 女性用户 女性客户 女性顾客 女性患者 女性会员 "
                  "女性读者 女性群体 女性创业者 男性用户 男性客户 男性顾客 婚庆 婚纱 婚礼 婚恋 婚介 婚宴 婚房 婚车 "
                  "婚纱摄影 婚礼策划 孕产妇 孕产妇护理 孕妇装 孕婴 母婴 母婴用品 月子 月子中心 月嫂 产后修复 孕产 "
                  "男篮 女篮 男足 女足 女排 男团 女团 女子学院 女儿 儿女 男朋友 女朋友 男友 女友 女主角 男主角 "
                  "女神 女王 少女 女性化 男性化 女性主义 妇联 女企业家 女大学生 女性人才 女性领导力 女性就业 "
                  "女性发展 女工委 女职工委员会 妇女委员会 新人 新娘 新郎 已婚人士 已婚夫妇 婚姻家庭 婚姻法 "
                  "婚姻家事 婚姻家庭纠纷 夫妻 家庭教育 早孕试纸销售"),
    _words(AUDIENCE, "学员 学生 用户 客户 顾客 会员 患者 病人 读者 观众 听众 粉丝 客群 消费者 受众 服务对象 来访者 "
                     "求助者 当事人 家长 老人 儿童 孩子们 新生儿"),
    _words(NEGATION, "不询问 不问 不会问 不会询问 不调查 不了解 不要求 不会要求 无需 无须 不需 不需要 不必 不用 "
                     "不涉及 不收集 不含 不包含 不包括 不做 不进行 不查 不检查 不设 不设置 不限 不论 无论 不考察 "
                     "不过问 从不 绝不 不会 不作 不作为 不以 免做 取消 不收取 拒绝询问 无 不因 不会因 无要求 "
                     "不作要求 不做要求 免检 免查"),
    _words(AGAINST, "歧视 为由 平等 不影响 无关 一视同仁 公平 平等就业 反对 禁止歧视 同工同酬 区别对待 差别对待 "
                    "同等对待 一律平等"),
    _words(DUTY, "协助 负责 熟悉 掌握 办理 受理 审批 审核 处理 服务 接待 咨询 辅导 指导 照顾 护理 帮助 开展 组织 "
                 "策划 政策 业务 人士 群体 门诊 科室 检验 检验科 操作 解读 报告解读 推广 生产 研发 宣传 讲解 陪同 "
                 "跟进 记录 统计 录入 整理 培训 提供给 专项扣除 个税 法律 法规 案件 纠纷 代理 普及 课程 产品 项目"),
    _words(BENEFIT, "享受 可享 享有 补贴 津贴 福利 假期 礼金 慰问 关爱 单身公寓 单身宿舍 夫妻房 夫妻宿舍 家属房 "
                    "探亲假 可申请 可领取 可报销"),
    _words(OTHER, "主要 重要 要点 纲要 摘要 概要 要素 必要 需求 要事 特别 区别 分别 类别 级别 个别 告别 识别 差别 "
                  "男女比例均衡 男女比例 子女"),
    _words(WELCOME, "欢迎 友好 鼓励 支持 热烈欢迎 尤其欢迎 欢迎投递"),
)

# English, word by word (lower case); several words make one term.
ENGLISH = _vocabulary(
    _words(APPLY, "apply"),
    _words(MALE, "nan nansheng guy"),
    _words(FEMALE, "nv nvsheng"),
    _words(MOTHER, "pregnant"),
    _words(PREGNANCY_PROOF, "non-pregnancy"),
    _words(AGAINST, "prohibited fined illegal unlawful banned penalised penalized survey"),
    _words(DECLARE, "mention mentions"),
    _words(DECLARE, "ask asked"),
    _words(STATUS, "singles"),
    _words(LOOKS, "height figure appearance photos photo tall"),
    _words(LOOKS_GOOD, "slim attractive pretty good-looking beautiful"),
    _words(FEMALE, "gal gals"),
    _words(MALE, "guy lad boy"),
    _words(MALE, "male males man men gentleman gentlemen guys boys"),
    _words(FEMALE, "female females woman women lady ladies girls girl"),
    _words(MOTHER, "mothers mums moms mom mum"),
    _words(PREFER, "preferred preferably prefer prefers preferring preference ideal ideally better suited"),
    _words(LIMIT, "only must required require requires exclusively solely should need needs"),
    _words(EXCLUDE, "no not excluded unsuitable"),
    _words(SUITS, "suitable suits suit fit"),
    _words(STATUS, "married unmarried single childless divorced"),
    _words(MALE, "lads"),
    _words(MARRIAGE_TOPIC, "marital"),
    _words(DECLARE, "state disclose indicate provide include declare specify tell list"),
    _words(TEST, "hcg"),
    _words(NEGATION, "never neither nor without excludes"),
    _words(AGAINST, "discriminate discrimination discriminating discriminatory equal equality regardless fairly"),
    _words(RECRUIT, "hiring hire wanted recruiting needed"),
    _words(JOB, "driver drivers receptionist receptionists secretary assistant assistants waiter waiters engineer "
                "engineers technician technicians worker workers staff nurse nurses teacher teachers guard guards "
                "cashier cashiers clerk clerks operator operators"),
    _words(GENDERED_JOB, "waitress waitresses hostess hostesses stewardess stewardesses salesman salesmen "
                         "saleswoman saleswomen salesgirl salesgirls handyman handymen deliveryman deliverymen "
                         "foreman foremen cameraman cameramen"),
    _words(PROMISE, "agree agrees promise promises undertake undertakes pledge guarantee"),
    _words(BENEFIT, "maternity paternity parental nursing"),
    _words(WELCOME, "welcome encouraged encourage"),
    _words(DUTY, "assist assisting support supporting manage handle help helping run running perform performing "
                 "conduct conducting process processing analyse analyze analysing analyzing carry"),
    _words(AUDIENCE, "outpatients inpatients clients customers patients users students members"),
)

# English phrases, matched on whole words before the single words above.
ENGLISH_PHRASES = {
    "men and women": NEUTRAL, "women and men": NEUTRAL, "all genders": NEUTRAL, "any gender": NEUTRAL,
    "regardless of gender": NEUTRAL, "equal opportunity": AGAINST, "equal opportunities": AGAINST,
    "regardless of marital status": AGAINST, "do not ask": NEGATION, "does not ask": NEGATION,
    "will not ask": NEGATION, "never ask": NEGATION, "no pregnancy test": NEGATION, "not required": NEGATION,
    "pregnancy test": TEST, "pregnancy tests": TEST, "pregnancy testing": TEST, "pregnancy screening": TEST,
    "pregnancy check": TEST, "hcg test": TEST, "proof of not being pregnant": PREGNANCY_PROOF,
    "not pregnant": PREGNANCY_PROOF, "not currently pregnant": PREGNANCY_PROOF, "not be pregnant": PREGNANCY_PROOF,
    "family situation": MARRIAGE_TOPIC, "family status": MARRIAGE_TOPIC, "marital status": MARRIAGE_TOPIC,
    "family planning": MARRIAGE_TOPIC,
    "plans to have children": MARRIAGE_TOPIC, "plan to have children": MARRIAGE_TOPIC,
    "plans for children": MARRIAGE_TOPIC, "have children": STATUS, "no children": STATUS,
    "with children": STATUS, "marriage certificate": MARRIAGE_PROOF, "maternity leave": BENEFIT,
    "parental leave": BENEFIT, "nursing room": BENEFIT, "menswear": THING, "womenswear": THING,
    "women's health": THING, "men's grooming": THING, "bridal": THING, "wedding": THING,
    "must be": LIMIT, "looking for": LIMIT, "is for": LIMIT, "are for": LIMIT, "seeking": LIMIT, "we want": LIMIT,
    "hire a": LIMIT, "candidates only": LIMIT, "applicants only": LIMIT, "not suitable": EXCLUDE,
    "need not apply": EXCLUDE, "do not apply": EXCLUDE, "should not apply": EXCLUDE,
    "prefer to hire": PREFER, "preference for": PREFER, "preference given to": PREFER,
    "not have children": BEHAVIOUR, "not get pregnant": BEHAVIOUR, "not to have children": BEHAVIOUR,
    "no plans to have children": STATUS, "with kids": STATUS, "have kids": STATUS,
    "we're after": LIMIT, "we are after": LIMIT, "looking to hire": LIMIT, "need a": LIMIT, "want a": LIMIT,
    "to no pregnancy": PROMISE_NOT, "no pregnancy during": PROMISE_NOT, "no pregnancy within": PROMISE_NOT,
    "don't require": NEGATION, "do not require": NEGATION, "does not require": NEGATION,
    "doesn't require": NEGATION, "will not require": NEGATION, "won't require": NEGATION, "never require": NEGATION,
    "remain childless": PROMISE_NOT, "stay single": PROMISE_NOT,
    "play no part": NEGATION, "plays no part": NEGATION, "no part": NEGATION, "no role": NEGATION,
    "not a factor": NEGATION, "no bearing": NEGATION, "irrelevant": NEGATION,
    "planning to have a baby": STATUS, "planning a baby": STATUS, "planning a family": STATUS,
    "planning to start a family": STATUS, "newly married": STATUS, "newlyweds": STATUS,
    "start a family": BEHAVIOUR, "have a baby": BEHAVIOUR, "get married": BEHAVIOUR, "get pregnant": BEHAVIOUR,
    "become pregnant": BEHAVIOUR, "not to": PROHIBIT, "must not": PROHIBIT, "may not": PROHIBIT,
    "does not include": NEGATION, "do not include": NEGATION, "doesn't include": NEGATION, "not include": NEGATION,
    "will not include": NEGATION, "will not be asked": NEGATION, "not be asked": NEGATION, "won't ask": NEGATION,
    "not asked": NEGATION, "never asked": NEGATION, "not part of": NEGATION, "is not part of": NEGATION,
    "no one will be asked": NEGATION, "not be required": NEGATION,
    "don't apply": EXCLUDE, "not apply": EXCLUDE, "won't be considered": EXCLUDE, "will not be considered": EXCLUDE,
    "not be considered": EXCLUDE, "not considered": EXCLUDE, "young children": STATUS, "small children": STATUS,
    "young kids": STATUS, "childbearing plans": MARRIAGE_TOPIC, "marriage plans": MARRIAGE_TOPIC,
    "family plans": MARRIAGE_TOPIC, "plans to marry": MARRIAGE_TOPIC, "pregnancy plans": MARRIAGE_TOPIC,
    "childbearing": MARRIAGE_TOPIC, "whether you are married": QUESTION, "if you are married": QUESTION,
    "are you married": QUESTION, "do you have children": QUESTION, "how many children": QUESTION,
}

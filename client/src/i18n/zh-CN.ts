import { DISPUTE_CATEGORIES, categoryLabels } from '../../../server/domain/categories';
import bookingsZhCN from './bookings.zh-CN';
import type { StaffTranslation } from './staff.zh-CN';

/** Dispute category labels come from the one domain module the server uses too. */
const categories = Object.fromEntries(DISPUTE_CATEGORIES.map((c) => [c, categoryLabels[c]['zh-CN']])) as Record<
  (typeof DISPUTE_CATEGORIES)[number],
  string
>;

const zhCN = {
  app: {
    name: '职工维权服务站',
    fullName: '观山湖区职工维权服务站',
    skipToContent: '跳到主要内容',
    language: '语言',
    languageName: '中文',
    switchTo: 'English',
  },
  common: {
    loading: '正在加载…',
    save: '保存',
    saving: '正在保存…',
    saved: '已保存',
    cancel: '取消',
    close: '关闭',
    edit: '编辑',
    delete: '删除',
    create: '新建',
    add: '添加',
    yes: '是',
    no: '否',
    none: '无',
    active: '启用',
    inactive: '停用',
    retry: '重试',
    showInactive: '显示已停用',
    optional: '选填',
    back: '返回',
    required: '必填',
    /** Punctuation that differs by language: after a label, around an aside, between list items, between sentences. */
    colon: '：',
    inParens: '（{{text}}）',
    listSeparator: '、',
    sentenceSeparator: '；',
  },
  errors: {
    generic: '出错了：{{message}}',
    network: '无法连接服务器，请检查网络后重试。',
    unauthorized: '登录已过期，请重新登录。',
    forbidden: '您没有权限执行此操作。',
    notFound: '没有找到。',
    validation: '请检查标红的内容。',
    conflict: '操作与现有数据冲突：{{message}}',
    rateLimited: '操作太频繁，请稍后再试。',
    unavailable: '服务暂时不可用，请稍后再试。',
  },
  home: {
    title: '职工维权 免费法律咨询',
    lead: '拖欠工资、劳动合同、工伤、社保等劳动纠纷，公益律师免费为您解答。',
    book: '预约咨询',
    bookHint: '选择服务站和时间，免费咨询值班律师',
    lookup: '查询/修改预约',
    lookupHint: '用预约码和手机号查询、改期或取消',
    hotlineLabel: '维权服务专线',
    hotlineHint: '工作日 9:00–17:30，点击直接拨打',
    staffLogin: '工作人员登录',
    free: '全部服务免费',
  },
  login: {
    title: '工作人员登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    failed: '用户名或密码不正确。',
    backHome: '返回首页',
  },
  /** Public: the booking pages name days by them (dayWords.ts), and so do the staff pages. */
  weekday: {
    '1': '周一',
    '2': '周二',
    '3': '周三',
    '4': '周四',
    '5': '周五',
    '6': '周六',
    '7': '周日',
  },
  category: categories,
  placeholder: {
    soon: '此页面正在建设中。',
    roster: { title: '排班', body: '生成月度排班草稿、查看缺岗和公平性、调整并发布。' },
    myDuty: { title: '我的值班', body: '我的值班日期、调班申请、不可值班日期和日历订阅。' },
    desk: { title: '接待台', body: '本站今日预约、现场登记和签到。' },
    hotline: { title: '热线', body: '维权服务专线来电记录和回访。' },
    dashboard: { title: '数据', body: '服务人数、代写仲裁申请书、调解和涉及金额等统计。' },
    book: { title: '预约咨询', body: '选择服务站、日期和时段，免费咨询值班律师。', station: '服务站编号：{{code}}' },
    booking: { title: '查询/修改预约', body: '输入预约码和手机号，查询、改期或取消预约。' },
    callInstead: '着急的话，请直接拨打维权服务专线。',
  },
  ...bookingsZhCN,
  notFound: {
    title: '页面不存在',
    body: '您访问的页面不存在。',
    home: '返回首页',
  },
  forbidden: {
    title: '没有权限',
    body: '您的账号不能访问这个页面。',
  },
};

/** Every string: these (bundled) and the staff pages' (staff.zh-CN.ts, loaded after sign-in). */
export type Translation = typeof zhCN & StaffTranslation;
export default zhCN;

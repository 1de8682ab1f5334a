/**
 * The Chinese for the services' own error messages (409s, 400s, 403s, 404s and the details
 * under them), applied by the error handler when the caller reads Chinese (messages.ts). The
 * services keep writing English, which is what the logs, the API's English readers and
 * the tests see; a test (tests/unit/http/domainMessages.test.ts) finds every such
 * message in server/ and fails on one that is missing here.
 */
import type { ReferralStage } from '../hotline/hotline.entity.js';
import { referralStageLabels } from '../hotline/labels.js';

/** Status words as they appear in messages (`checked_in` is written `checked in`). */
const STATUS_ZH: Record<string, string> = {
  booked: '已预约',
  'checked in': '已签到',
  checked_in: '已签到',
  completed: '已完成',
  'no show': '爽约',
  no_show: '爽约',
  cancelled: '已取消',
  pending: '待处理',
  accepted: '已接受',
  applied: '已生效',
  rejected: '已驳回',
  declined: '已拒绝',
  expired: '已过期',
  closed: '已结案',
};
const status = (s: string | undefined) => STATUS_ZH[s ?? ''] ?? s ?? '';

/** Why a lawyer cannot take a duty (shiftRules.ts BLOCKER_MESSAGES). */
const BLOCKER_ZH: Record<string, string> = {
  'the lawyer is no longer active': '该律师已停用',
  'the lawyer does not serve this station': '该律师不在本站服务',
  'the lawyer is unavailable that day (leave or a court date)': '该律师当天不可值班（请假或出庭）',
  'the lawyer is already on duty that day': '该律师当天已有值班',
  'the lawyer has reached their monthly duty cap': '该律师本月值班已达上限',
};
const blocker = (s: string | undefined) => BLOCKER_ZH[s ?? ''] ?? s ?? '';

const LEVEL_ZH: Record<string, string> = { district: '区级', town: '镇（街道）级', village: '村级' };
const level = (s: string | undefined) => LEVEL_ZH[s ?? ''] ?? s ?? '';

/** A rotation as the roster's warnings name it: `Rotation 3 '区站轮值'`. */
const rotation = (label: string | undefined) => (label ?? '').replace(/^Rotation (\d+) '(.*)'$/, '轮值 $1「$2」');

type Translation = string | ((m: RegExpMatchArray) => string);

const exact: Record<string, string> = {
  // Sign-in and accounts
  'Sign in first (a valid bearer token is required)': '请先登录',
  'Wrong username or password': '用户名或密码不正确',
  'Your role may not do this': '您的角色无权进行此操作',
  'You cannot deactivate your own account': '不能停用自己的账号',
  'This is the last active admin: make another admin first': '这是最后一个启用的管理员账号：请先设置另一名管理员',
  'This lawyer already has an active account': '该律师已有一个启用的账号',
  'this lawyer already has an active account': '该律师已有一个启用的账号',
  'The account cannot be linked this way': '账号不能这样关联',
  'The linked lawyer or station does not exist': '关联的律师或站点不存在',
  'name at least one field to change': '请至少修改一项',
  'no user for this lawyer': '该律师没有账号',
  // Bookings and the waitlist
  'That time is not a bookable consultation slot': '该时间不是可预约的咨询时段',
  'is not the start of a slot of this station (see GET /api/stations/:id/slots)': '不是本站某个时段的开始时间',
  'That time is fully booked; please pick another': '该时段已约满，请另选时间',
  'That time has just been fully booked; please pick another': '该时段刚刚约满，请另选时间',
  'The seat was taken meanwhile; please retry': '名额刚被占用，请重试',
  'This booking is already at that time': '预约已经是这个时间',
  'This booking was changed at the same moment; please look it up again and retry': '预约刚刚被修改，请重新查询后再试',
  'This consultation has already started; it can no longer be cancelled': '咨询已开始，不能再取消',
  'This consultation has already started; it can no longer be moved': '咨询已开始，不能再改期',
  'The consultation has not started yet; it cannot be a no-show': '咨询还没开始，不能记为爽约',
  'Completing a consultation requires its outcome': '完成咨询需要填写结果',
  'completing a consultation requires its outcome': '完成咨询需要填写结果',
  'an outcome is recorded only on completion': '只有完成咨询时才记录结果',
  'A walk-in is registered on the day it happens': '现场来访只能登记当天的',
  'A request with this Idempotency-Key is still being processed; retry shortly': '同一请求正在处理中，请稍后再试',
  'This Idempotency-Key was already used for a different request; use a new key for a new booking': '该请求标识已用于另一个请求，请重新提交',
  'The Idempotency-Key header is not valid': '请求标识（Idempotency-Key）格式不正确',
  'No consultations can be booked at this station on that day': '该站当天不能预约咨询',
  'There are free slots that day: book one of them instead': '当天还有空余时段，请直接预约',
  'This phone number is already on the waitlist for that day': '该手机号已在当天的候补名单中',
  'This waitlist place has already become a booking': '该候补已转为预约',
  'No seat is being held for you right now (an offer lasts a limited time)': '目前没有为您保留的名额（保留时间有限）',
  'The held seat is no longer yours; please try again': '保留的名额已失效，请重试',
  'The offer changed at the same moment; please try again': '名额刚刚发生变化，请重试',
  'hold changed meanwhile': '保留的名额刚刚发生变化',
  'A booking needs the caller’s mobile number': '预约需要来电人的手机号',
  // Stations, lawyers, rosters
  'No such station': '没有这个站点',
  'No such parent station': '没有这个上级站点',
  'No such lawyer': '没有这名律师',
  'No such shift': '没有这个班次',
  'No such appointment': '没有这个预约',
  'No such call': '没有这通来电',
  'no station has this id': '没有这个编号的站点',
  'no open station has this id': '没有这个编号的开放站点',
  'no lawyer has this id': '没有这个编号的律师',
  'no shift has this id': '没有这个编号的班次',
  'no appointment has this id': '没有这个编号的预约',
  'no call has this id': '没有这个编号的来电',
  'every id must name a station': '每个编号都应对应一个站点',
  'Unknown station in stationIds': 'stationIds 中有不存在的站点',
  'A station cannot be its own parent': '站点不能以自己为上级',
  'is this station': '就是本站',
  'That lawyer is already on duty that day': '该律师当天已有值班',
  busy: '当天已有值班',
  'The shift changed meanwhile; reload and try again': '班次刚刚被修改，请刷新后再试',
  'The roster changed while it was being generated; please try again': '排班表在生成时被修改，请重试',
  'cannot exceed the number of lawyers in the rotation': '不能超过轮值中的律师人数',
  'a single absence may last at most a year': '一次请假最长一年',
  'must be after shiftStart': '应晚于开始时间',
  'Please try again': '请重试',
  // Swaps
  'A lawyer in this swap is already on duty that day': '换班中的一名律师当天已有值班',
  'Someone has already accepted this swap': '已有同事接受了这个换班',
  'The colleague has not accepted this swap yet': '同事还没有接受这个换班',
  'The shifts changed while the swap was being applied; nothing was changed': '换班生效时班次被修改，未作任何改动',
  'This shift already has a swap waiting; cancel it first': '这个班次已有待处理的换班，请先取消',
  'This swap has already been decided': '这个换班已经处理过了',
  'A giveaway does not take a toShiftId': '转让班次不需要指定对方班次',
  'a giveaway does not take a toShiftId': '转让班次不需要指定对方班次',
  'A lawyer cannot give a shift to themself': '不能把班次转给自己',
  'An exchange is with a colleague’s shift, not one’s own': '互换应选择同事的班次，而不是自己的',
  'An exchange names the colleague’s shift (toShiftId)': '互换需要指定同事的班次',
  'an exchange names the colleague’s shift': '互换需要指定同事的班次',
  'An open offer was not addressed to anyone, so it cannot be declined': '公开的换班没有指定对象，不能拒绝',
  'Nobody has accepted this offer yet': '还没有人接受这个换班',
  'Only shifts of a published roster can be swapped': '只有已发布排班表中的班次可以换班',
  'Only the colleague this swap was offered to may decline it': '只有被邀请的同事可以拒绝',
  'Only the lawyer on the shift, or a coordinator, may offer it': '只有值班律师本人或协调员可以发起换班',
  'The colleague’s shift has already started': '同事的班次已经开始',
  'The colleague’s shift is not published': '同事的班次尚未发布',
  'The shift has already started': '班次已经开始',
  'toLawyerId must be the lawyer on toShiftId': 'toLawyerId 应为对方班次的值班律师',
  // The hotline and referrals
  'A call cannot be received in the future': '来电时间不能晚于现在',
  'A call-back needs a followUpDate': '需要回访的来电要填写回访日期',
  'Only a call-back has a followUpDate': '只有需要回访的来电才有回访日期',
  'The call-back cannot be due before the call': '回访日期不能早于来电日期',
  'The call has no caller name; give one': '来电没有来电人姓名，请填写',
  'The caller did not consent to their name and number being recorded': '来电人不同意记录其姓名和电话',
  'The next attempt cannot be in the past': '下次尝试时间不能早于现在',
  'Say whose referrals: give stationId': '请指定站点（stationId）',
  'This call has a booking linked; its outcome stays appointment_booked': '这通来电已关联预约，结果保持为“已预约”',
  'This call owes no call-back': '这通来电不需要回访',
  'This call was changed meanwhile; reload it and try again': '来电记录刚刚被修改，请刷新后再试',
  'This call-back is already closed': '这次回访已经结束',
  'Accept the referral before recording its result': '请先接收转介，再记录结果',
  'This referral has already been referred on': '这个转介已经再次转出',
  'This referral is already closed': '这个转介已经结案',
  'This referral was changed meanwhile; reload it and try again': '转介刚刚被修改，请刷新后再试',
  'a closed call-back has no next date': '已结束的回访没有下次日期',
  'a dispute is referred on by the station that holds it (the previous referral’s receiving station)': '纠纷应由当前承办的站点（上一次转介的接收站点）转出',
  'a referral starts from a call or from a consultation, not both': '转介来自一通来电或一次咨询，不能两者都有',
  'is before the call': '早于来电时间',
  'is before today': '早于今天',
  'is in the future': '晚于现在',
  'is only for callback_needed': '只用于需要回访的来电',
  'is required (the call has no mobile number)': '必填（来电没有手机号）',
  'is required (the call has none)': '必填（来电没有记录）',
  'is required for callback_needed': '需要回访时必填',
  'is required when callerName or callerPhone is given (did the caller agree to them being recorded?)': '填写来电人姓名或电话时必填（来电人是否同意记录？）',
  'is required with direction (you have no station of your own)': '指定方向时必填（您没有所属站点）',
  'is required': '必填',
  'only a settled dispute has an amount settled': '只有已解决的纠纷才有解决金额',
  'referTo is required with referred_on, and only then': '只有再次转出时才需要、也必须填写接收站点',
  'say when to try again': '请填写下次尝试的时间',
  'the dispute is already with legal aid': '纠纷已在法律援助中',
  // Who may do what, and what does not exist
  'Only the lawyer themself or a coordinator may change this availability': '只有律师本人或协调员可以修改可值班时间',
  'You do not work at this station, so you may not record its visits': '您不在本站工作，不能记录本站的来访',
  'Only desk staff, a coordinator or the lawyer on duty that day may record this visit': '只有前台工作人员、协调员或当天值班律师可以记录这次来访',
  'You do not work at this station, so you may not register walk-ins there': '您不在本站工作，不能在本站登记现场来访',
  'Only a user linked to a lawyer has a duty calendar': '只有关联了律师的账号才有值班日历',
  'Lawyers see their own swaps only': '律师只能查看自己的换班',
  'Only the lawyer on the shift, or a coordinator, may look for a colleague': '只有值班律师本人或协调员可以寻找同事',
  'Only the requester, or a coordinator, may look for a colleague': '只有发起人或协调员可以寻找同事',
  'Only the requester, or a coordinator, may cancel a swap': '只有发起人或协调员可以取消换班',
  'This swap is not addressed to you': '这个换班不是发给您的',
  'You do not serve this station': '您不在本站服务',
  'You are not allowed to do this': '您无权进行此操作',
  'Not found': '没有找到',
  'No such user': '没有这个用户',
  'No such booking': '没有这个预约',
  'No such local day': '没有这条本地日历',
  'No such referral': '没有这个转介',
  'No such calendar': '没有这个日历',
  'No such absence': '没有这条请假记录',
  'No such message': '没有这条消息',
  'No such rotation': '没有这个轮值',
  'No such swap': '没有这个换班',
  'The database cannot be reached': '暂时无法连接数据库',
  'This phone number already has a booking that overlaps this time; it can be looked up, moved or cancelled with its booking code':
    '该手机号在这个时间已有预约；可以用预约码查询、改期或取消',
  // Requests
  'A JSON body with Content-Type: application/json is required': '请求需要 JSON 内容（Content-Type: application/json）',
  'must be a mobile number (1[3-9] + 9 digits) or a landline with its area code': '请填写11位手机号，或带区号的固定电话',
};

const patterns: [RegExp, Translation][] = [
  [
    /^This phone number already holds (\d+) upcoming bookings; look them up, move or cancel one with its booking code before booking another$/,
    (m) => `该手机号已有 ${m[1]} 个未到期的预约；请先用预约码查询、改期或取消其中一个，再预约新的`,
  ],
  [
    /^This person has (\d+) upcoming booking\(s\) and (\d+) waitlist place\(s\); cancel them before erasing their data$/,
    (m) => `此人还有 ${m[1]} 个未到期的预约和 ${m[2]} 个候补，请先取消，再删除其个人信息`,
  ],
  [/^There is no (published )?(\S+) roster( for this station)?$/, (m) => `${m[3] ? '本站' : ''}没有${m[1] ? '已发布的' : ''} ${m[2]} 排班表`],
  [/^There is no (\S+) roster to publish; generate it first$/, (m) => `没有可发布的 ${m[1]} 排班表，请先生成`],
  [/^You do not work at this station, so you may not .+$/, '您不在本站工作，无权进行此操作'],
  [/^Only coordinators and the district station's staff may .+: a person's records span every station$/, '只有协调员和区级站点的工作人员可以进行此操作：个人信息涉及所有站点'],
  // The roster's warnings (200 answers; rosters.routes.ts translates them too)
  [
    /^China's statutory holidays for (\S+) are not published in the calendar data/,
    (m) => `${m[1]} 年的法定节假日尚未收入日历数据；本排班表未考虑节假日和调休，是临时的：节假日公布后请重新生成`,
  ],
  [
    /^China's holidays for (\S+) are not in the built-in calendar \(it covers (\S+)–(\S+)\); this roster is provisional until they are published and the package is updated\.$/,
    (m) => `内置日历尚无 ${m[1]} 年的节假日（收录 ${m[2]}–${m[3]} 年）；在节假日公布并更新前，本排班表是临时的`,
  ],
  [/^(.+) was not generated: (.*)$/s, (m) => `${rotation(m[1])}未生成：${domainMessageZh(m[2]!) ?? m[2]}`],
  [/^(.+) starts on (\S+), after (\S+)\.$/, (m) => `${rotation(m[1])}从 ${m[2]} 开始，晚于 ${m[3]}`],
  [/^(.+) ended on (\S+), before (\S+)\.$/, (m) => `${rotation(m[1])}已于 ${m[2]} 结束，早于 ${m[3]}`],
  [/^(.+) asks for (\d+) lawyers a day; no duties were generated\.$/, (m) => `${rotation(m[1])}每天需要 ${m[2]} 名律师，未生成任何值班`],
  [
    /^(.+): the saved turn \((-?\d+)\) is outside its (\d+) lawyers; continuing at position (\d+)\.$/,
    (m) => `${rotation(m[1])}：保存的轮次（${m[2]}）超出其 ${m[3]} 名律师，从第 ${m[4]} 位继续`,
  ],
  [/^(.+) lists lawyer (\d+), who is not known; their turns are passed over\.$/, (m) => `${rotation(m[1])}中的律师 ${m[2]} 不存在，跳过其轮次`],
  [/^(.+) lists (.+) \((\d+)\), who is inactive; their turns are passed over\.$/, (m) => `${rotation(m[1])}中的 ${m[2]}（${m[3]}）已停用，跳过其轮次`],
  [
    /^(.+) lists (.+) \((\d+)\), who does not serve station (\d+); their turns are passed over\.$/,
    (m) => `${rotation(m[1])}中的 ${m[2]}（${m[3]}）不在站点 ${m[4]} 服务，跳过其轮次`,
  ],
  [/^Too many failed look-ups; please wait (\d+) minutes and try again$/, (m) => `查询失败次数过多，请 ${m[1]} 分钟后再试`],
  [/^Lawyer (\d+) already has an active account \("(.*)"\)$/, (m) => `该律师已有一个启用的账号（${m[2]}）`],
  [/^The username "(.*)" is taken$/, (m) => `用户名“${m[1]}”已被使用`],
  [/^The station code "(.*)" is taken$/, (m) => `站点代码“${m[1]}”已被使用`],
  [/^Station (.+) would break the chain: (.+)$/, (m) => `站点 ${m[1]} 会破坏上下级关系：${domainMessageZh(m[2]!) ?? m[2]}`],
  [/^This booking is (.+) and can no longer be cancelled$/, (m) => `该预约${status(m[1])}，不能再取消`],
  [/^This booking is (.+) and can no longer be moved$/, (m) => `该预约${status(m[1])}，不能再改期`],
  [/^A (.+) appointment cannot be marked (.+)$/, (m) => `${status(m[1])}的预约不能标记为${status(m[2])}`],
  [/^This consultation is on (\S+); the worker is checked in on that day$/, (m) => `咨询在 ${m[1]}，请在当天签到`],
  [/^must be today \((\S+)\); book another day's consultation as a booking$/, (m) => `应为今天（${m[1]}）；其他日期的咨询请预约`],
  [/^This swap is already (\S+)$/, (m) => `这个换班${status(m[1])}`],
  [/^This referral is already (\S+)$/, (m) => `这个转介${status(m[1])}`],
  [/^This call already has a booking \((.+)\); cancel or complete it first$/, (m) => `这通来电已有预约（${m[1]}），请先取消或完成`],
  [/^(.+) cannot take this duty: (.+)$/, (m) => `${m[1]} 不能值这个班：${blocker(m[2])}`],
  [/^(.+) cannot take the (\S+) duty: (.+)$/, (m) => `${m[1]} 不能值 ${m[2]} 的班：${blocker(m[3])}`],
  [/^(.+) \(id (\d+)\) does not serve (.+)$/, (m) => `${m[1]}（编号 ${m[2]}）不在${m[3]}服务`],
  [/^no lawyer has id (\d+)$/, (m) => `没有编号为 ${m[1]} 的律师`],
  [/^Shift (\d+) changed since the swap was asked for$/, (m) => `班次 ${m[1]} 在申请换班后被修改`],
  [/^Shift (\d+) \((\S+)\) has already started$/, (m) => `班次 ${m[1]}（${m[2]}）已经开始`],
  [/^Shift (\d+) is no longer published$/, (m) => `班次 ${m[1]} 已不再是发布状态`],
  [/^A local day for (\S+) already exists for this station$/, (m) => `本站 ${m[1]} 已有一条本地日历`],
  [/^A local day for (\S+) already exists for the whole network$/, (m) => `全网 ${m[1]} 已有一条本地日历`],
  [
    /^The (\S+) roster is already published for (\d+) station\(s\); regenerate with force to replace it \(it becomes a draft again\)$/,
    (m) => `${m[1]} 的排班表已在 ${m[2]} 个站点发布；如需替换，请强制重新生成（将重新变为草稿）`,
  ],
  [/^(\d+) calls match; an export holds at most (\d+)\. Narrow the dates or filters\.$/, (m) => `共有 ${m[1]} 通来电符合条件，一次最多导出 ${m[2]} 条，请缩小日期或筛选范围`],
  [/^at most (\d+) rows per export$/, (m) => `每次最多导出 ${m[1]} 行`],
  [/^must be one or more of (.+) \(comma separated\)$/, (m) => `应为以下一项或多项（逗号分隔）：${m[1]}`],
  [/^a dispute moves up the chain: (.+) is not (.+) or a station above it$/, (m) => `纠纷只能向上级转介：${m[1]} 不是${m[2]}或其上级站点`],
  [
    /^(\S+) is handled at a (.+) station; (.+) is a (\S+) station$/,
    (m) => `${referralStageLabels[m[1] as ReferralStage]?.['zh-CN'] ?? m[1]}由${m[2]!.split(' or ').map(level).join('或')}站点办理；${m[3]} 是${level(m[4])}站点`,
  ],
  [/^a district station has no parent$/, '区级站点没有上级站点'],
  [/^a (\S+) station needs a parent station$/, (m) => `${level(m[1])}站点需要上级站点`],
  [/^a (\S+) station's parent must be of a higher level$/, (m) => `${level(m[1])}站点的上级站点级别必须更高`],  // A rotation's RRULE (rosters/rrule.ts): the 400 on a rotation, and the reason a rotation was not generated.
  [/^The rule must be a string\.$/, '规则必须是文本'],
  [/^The rule is (\d+) characters long; at most (\d+) are allowed\.$/, (m) => `规则长 ${m[1]} 个字符，最多 ${m[2]} 个`],
  [/^The start date '(.*)' is not a valid YYYY-MM-DD date\.$/, (m) => `开始日期“${m[1]}”不是有效的日期（YYYY-MM-DD）`],
  [/^The rule is empty; give e\.g\. (\S+)\.$/, (m) => `规则为空；请填写规则，例如 ${m[1]}`],
  [/^Give the rule's value without the 'RRULE:' prefix, e\.g\. (\S+)\.$/, (m) => `请去掉“RRULE:”前缀，只填规则本身，例如 ${m[1]}`],
  [/^Give the RRULE value alone: .*DTSTART must not be included\.$/, '只填 RRULE 规则本身：规则从轮值的开始日期起算，不能包含 DTSTART'],
  [/^The rule must not contain spaces\.$/, '规则中不能有空格'],
  [/^The rule has an empty part \(a doubled or trailing ';'\)\.$/, '规则中有空的部分（多了一个“;”，或末尾多了“;”）'],
  [/^'(.*)' is not a NAME=VALUE rule part\.$/s, (m) => `“${m[1]}”不是“名称=值”形式的规则部分`],
  [/^(\S+) sets a time of day; a duty rule picks days only \(the shift hours come from the rotation\)\.$/, (m) => `${m[1]} 设定的是一天中的时刻；值班规则只选日期（值班时段取自轮值）`],
  [/^Unknown rule part '(.*)'\. Allowed: (.+)\.$/s, (m) => `未知的规则部分“${m[1]}”。可用：${m[2]}`],
  [/^(\S+) is given twice\.$/, (m) => `${m[1]} 重复出现`],
  [/^FREQ is required \(DAILY, WEEKLY, MONTHLY or YEARLY\)\.$/, '必须填写 FREQ（DAILY、WEEKLY、MONTHLY 或 YEARLY）'],
  [/^FREQ=(\S+) repeats within a day; .+$/, (m) => `FREQ=${m[1]} 在一天之内重复；值班规则最细按天重复（DAILY、WEEKLY、MONTHLY 或 YEARLY）`],
  [/^FREQ=(.+) is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY\.$/s, (m) => `FREQ=${m[1]} 不是有效的频率；请用 DAILY、WEEKLY、MONTHLY 或 YEARLY`],
  [/^COUNT and UNTIL cannot both be given \(RFC 5545\)\.$/, '不能同时填写 COUNT 和 UNTIL（RFC 5545）'],
  [/^UNTIL \((\S+)\) is before the start date (\S+)\.$/, (m) => `UNTIL（${m[1]}）早于开始日期 ${m[2]}`],
  [/^BYDAY with a position \(e\.g\. 1MO, -1FR\) needs FREQ=MONTHLY or YEARLY, not (\S+)\.$/, (m) => `带序号的 BYDAY（如 1MO、-1FR）需要 FREQ=MONTHLY 或 YEARLY，不能是 ${m[1]}`],
  [/^BYDAY with a position \(e\.g\. 1MO\) cannot be combined with BYWEEKNO\.$/, '带序号的 BYDAY（如 1MO）不能与 BYWEEKNO 同用'],
  [/^BYDAY positions within a month run from -5 to 5\.$/, '一个月内的 BYDAY 序号应在 -5 到 5 之间'],
  [/^BYMONTHDAY cannot be used with FREQ=WEEKLY\.$/, 'BYMONTHDAY 不能与 FREQ=WEEKLY 同用'],
  [/^(BYYEARDAY|BYWEEKNO) needs FREQ=YEARLY, not (\S+)\.$/, (m) => `${m[1]} 需要 FREQ=YEARLY，不能是 ${m[2]}`],
  [/^BYSETPOS needs another BY… part \(e\.g\. BYDAY\) to pick positions from\.$/, 'BYSETPOS 需要另一个 BY… 部分（如 BYDAY）供它选取'],
  [/^(\S+)=(.*) is not a whole number\.$/s, (m) => `${m[1]}=${m[2]} 不是整数`],
  [/^(\S+) values must lie between (\S+) and (\S+) or (\S+) and (\S+); got (\S+)\.$/, (m) => `${m[1]} 的值应在 ${m[2]} 到 ${m[3]} 或 ${m[4]} 到 ${m[5]} 之间，实为 ${m[6]}`],
  [/^(\S+) must lie between (\S+) and (\S+); got (\S+)\.$/, (m) => `${m[1]} 应在 ${m[2]} 到 ${m[3]} 之间，实为 ${m[4]}`],
  [/^(\S+)=(.*) is not a weekday \(MO, TU, WE, TH, FR, SA, SU\)\.$/s, (m) => `${m[1]}=${m[2]} 不是星期代码（MO、TU、WE、TH、FR、SA、SU）`],
  [/^BYDAY value '(.*)' is not a weekday such as MO or 1MO or -1FR\.$/s, (m) => `BYDAY 的值“${m[1]}”不是 MO、1MO 或 -1FR 这样的星期代码`],
  [/^BYDAY position in '(.*)' must lie between -53 and -1 or 1 and 53\.$/s, (m) => `“${m[1]}”中的 BYDAY 序号应在 -53 到 -1 或 1 到 53 之间`],
  [/^UNTIL=(.*) is not a date such as 20261231 \(or 20261231T235959Z\)\.$/s, (m) => `UNTIL=${m[1]} 不是 20261231（或 20261231T235959Z）这样的日期`],
  [
    /^The rule yields no duty day within (\d+) years of (\S+) \((\S+) to (\S+)\); check BYMONTH, BYMONTHDAY and the other filters\.$/,
    (m) => `该规则在 ${m[2]} 起 ${m[1]} 年内（${m[3]} 至 ${m[4]}）没有任何值班日；请检查 BYMONTH、BYMONTHDAY 等筛选条件`,
  ],
];

/** The Chinese for one of the services' messages, or undefined when there is none. */
export function domainMessageZh(message: string): string | undefined {
  const hit = exact[message];
  if (hit !== undefined) return hit;
  for (const [re, zh] of patterns) {
    const m = message.match(re);
    if (m) return typeof zh === 'string' ? zh : zh(m);
  }
  return undefined;
}

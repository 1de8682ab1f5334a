/**
 * /stations/closures: the network's own days off and extra days on (a typhoon, a station's move, a
 * Saturday opening). Coordinators read the booking warning aloud to themselves before they
 * confirm, so it says plainly what happens to the workers.
 */
const closuresZhCN = {
  closures: {
    title: '闭站与加开日',
    link: '闭站与加开日',
    back: '返回驻站',
    subtitle: '登记某个站点或全区临时闭站（台风、搬迁、停电等）和平时不开放却要开放的日子。国家法定节假日和调休已内置，不用登记。',
    kind: {
      holiday: '闭站',
      workday: '加开日',
    },
    kindHint: {
      holiday: '当天不值班，不接受预约',
      workday: '周末或节假日照常开放值班',
    },
    wholeNetwork: '全区所有站点',
    form: {
      title: '登记闭站或加开日',
      date: '日期',
      kind: '类型',
      name: '原因',
      nameHint: '闭站的原因会写进发给预约人的短信，如“台风停业”“搬迁新址”',
      namePlaceholder: '如：台风停业',
      scope: '范围',
      submit: '登记',
      submitting: '正在登记…',
    },
    saved: '已登记 {{date}}“{{name}}”（{{station}}，{{kind}}）。',
    savedCancelled_other: '已取消当天 {{count}} 个预约，系统已短信通知预约人。',
    removed: '已删除 {{date}} {{name}}。',
    confirmRemove: '删除 {{date}} 的“{{name}}”？',
    stake: {
      closeTitle_other: '{{date}} 当天有 {{count}} 个预约',
      removeTitle_other: '删除这个加开日后，{{date}} 不再开放，当天有 {{count}} 个预约',
      byStation_other: '{{station}}：{{count}} 个',
      explain: '确认后，这些预约会被取消，系统逐一发短信告诉预约人当天暂停服务的原因，请他们另选日期预约。当天的候补也会取消并短信通知。',
      confirmClose_other: '确认闭站，取消 {{count}} 个预约',
      confirmRemove_other: '确认删除，取消 {{count}} 个预约',
      back: '先不闭站',
      backRemove: '先不删除',
    },
    list: {
      title: '已登记的日子',
      from: '从',
      to: '到',
      empty: '这段时间没有登记闭站或加开日。',
      count_other: '共 {{count}} 条',
      remove: '删除',
      removeLabel: '删除 {{date}} {{name}}',
      past: '已过',
    },
  },
};

export type ClosuresTranslation = typeof closuresZhCN;
export default closuresZhCN;

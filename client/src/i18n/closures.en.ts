import type { WithSingulars } from './plurals';
import type { ClosuresTranslation } from './closures.zh-CN';

const closuresEn: WithSingulars<ClosuresTranslation> = {
  closures: {
    title: 'Closures and extra days',
    link: 'Closures and extra days',
    back: 'Back to stations',
    subtitle:
      "Record a day one station or the whole district closes (typhoon, a move, a power cut…) or opens when it normally would not. China's public holidays and make-up working days are built in: no need to enter them.",
    kind: {
      holiday: 'Closed',
      workday: 'Extra day',
    },
    kindHint: {
      holiday: 'No duty, no bookings that day',
      workday: 'Open with a duty on a weekend or holiday',
    },
    wholeNetwork: 'Every station in the district',
    form: {
      title: 'Add a closure or an extra day',
      date: 'Date',
      kind: 'Type',
      name: 'Reason',
      nameHint: "A closure's reason goes into the SMS to the workers who booked, e.g. typhoon, moving to new premises",
      namePlaceholder: 'e.g. typhoon',
      scope: 'Where',
      submit: 'Add',
      submitting: 'Adding…',
    },
    saved: 'Added {{date}} "{{name}}" ({{station}}, {{kind}}).',
    savedCancelled_one: '{{count}} booking that day was cancelled; the worker has been told by SMS.',
    savedCancelled_other: '{{count}} bookings that day were cancelled; the workers have been told by SMS.',
    removed: 'Removed {{date}} {{name}}.',
    confirmRemove: 'Remove "{{name}}" on {{date}}?',
    stake: {
      closeTitle_one: '{{count}} booking on {{date}}',
      closeTitle_other: '{{count}} bookings on {{date}}',
      removeTitle_one: 'Without this extra day, {{date}} is closed again: {{count}} booking that day',
      removeTitle_other: 'Without this extra day, {{date}} is closed again: {{count}} bookings that day',
      byStation_one: '{{station}}: {{count}}',
      byStation_other: '{{station}}: {{count}}',
      explain:
        "If you go ahead, these bookings are cancelled and each worker gets an SMS saying the station is closed that day, why, and asking them to book another day. Anyone on that day's waiting list is taken off it and told by SMS too.",
      confirmClose_one: 'Close and cancel {{count}} booking',
      confirmClose_other: 'Close and cancel {{count}} bookings',
      confirmRemove_one: 'Remove and cancel {{count}} booking',
      confirmRemove_other: 'Remove and cancel {{count}} bookings',
      back: "Don't close",
      backRemove: "Don't remove",
    },
    list: {
      title: 'Days recorded',
      from: 'From',
      to: 'To',
      empty: 'No closures or extra days in this period.',
      count_one: '{{count}} day',
      count_other: '{{count}} days',
      remove: 'Remove',
      removeLabel: 'Remove {{date}} {{name}}',
      past: 'Past',
    },
  },
};

export default closuresEn;

/**
 * What every FullCalendar on the staff pages shares so that it reads on a phone: the
 * toolbar title wraps instead of widening the page, list rows show the whole event text
 * (the classic theme gives the time half the row and cuts the title to one line), and
 * "+2 more" links are large enough to tap. The look lives in styles.css (`.cal-*`).
 */

/** Narrower than this, a month grid has no room for names: phones open on the list. */
export const PHONE_QUERY = '(max-width: 639px)';

export const isPhoneWidth = (): boolean => typeof window !== 'undefined' && window.matchMedia(PHONE_QUERY).matches;

export const phoneFriendlyCalendar = {
  toolbarClass: 'cal-toolbar',
  toolbarSectionClass: 'cal-toolbar-section',
  toolbarTitleClass: 'cal-title',
  listItemEventTimeClass: 'cal-list-time',
  listItemEventTitleClass: 'cal-list-title',
  moreLinkClass: 'cal-more-link',
} as const;

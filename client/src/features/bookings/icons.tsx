import type { DisputeCategory } from '../../api/client';

/**
 * Line drawings for the dispute categories, inline so they need no font or file and
 * look the same on every phone (old Android emoji sets lack some pictures).
 */
const PATHS: Record<DisputeCategory, string> = {
  // a coin with ¥
  wage_arrears: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M8.5 7.5 12 12l3.5-4.5 M12 12v5.5 M9 12.5h6 M9 15.5h6',
  // a contract with lines and a signature
  labor_contract: 'M6 3h9l4 4v14H6z M15 3v4h4 M9 10h7 M9 13.5h7 M9 17.5c1-1.5 2-1.5 2.5 0s1.5 1.5 3 0',
  // a door and an arrow going out
  dismissal: 'M4 3h9v18H4z M10.5 12.5v.01 M15 12h6 M18 9l3 3-3 3',
  // a first-aid kit
  work_injury: 'M3.5 7h17v13h-17z M9 7V4.5h6V7 M12 10v7 M8.5 13.5h7',
  // a shield with a tick
  social_insurance: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z M8.5 12l2.5 2.5 4.5-5',
  // a clock
  working_hours: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M12 7v5.5l3.5 2',
  // two arrows: sent from one employer to another
  labor_dispatch: 'M4 8h13 M14 5l3 3-3 3 M20 16H7 M10 13l-3 3 3 3',
  // a delivery scooter
  new_employment_forms: 'M6 14.5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z M18 14.5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z M9 17.5h6l2-8h-3 M17 9.5l1 5 M3 12h7v3',
  // a speech bubble
  other: 'M4 5h16v11H10l-5 4v-4H4z M8.5 10.5v.01 M12 10.5v.01 M15.5 10.5v.01',
};

export function CategoryIcon({ category, size = 36 }: { category: DisputeCategory; size?: number }) {
  return (
    <svg
      className="category-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[category]} />
    </svg>
  );
}

const UI_PATHS = {
  // a loudspeaker with sound waves
  speaker: 'M4 9.5h3.5L12 5.5v13l-4.5-4H4z M15.5 9a4 4 0 0 1 0 6 M18 6.5a7.5 7.5 0 0 1 0 11',
  // a square: stop
  stop: 'M7 7h10v10H7z',
  // a calendar page with a plus
  calendar: 'M4 5.5h16V20H4z M4 9.5h16 M8 3.5v4 M16 3.5v4 M12 12.5v5 M9.5 15h5',
  // a telephone handset
  phone:
    'M6.6 3.5h2.6l1.4 4-1.9 1.3a11 11 0 0 0 6.5 6.5l1.3-1.9 4 1.4v2.6a2 2 0 0 1-2.2 2A16.5 16.5 0 0 1 4.6 5.7a2 2 0 0 1 2-2.2z',
  // an arrow pointing left
  back: 'M19 12H5 M11 6l-6 6 6 6',
} as const;

export type UiIconName = keyof typeof UI_PATHS;

/** Small line icons for buttons; decorative (the button's words name it). */
export function UiIcon({ name, size = 22 }: { name: UiIconName; size?: number }) {
  return (
    <svg
      className="ui-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={UI_PATHS[name]} />
    </svg>
  );
}

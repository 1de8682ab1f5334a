/** The dedicated rights hotline (维权服务专线) printed on every poster. */
export const HOTLINE_NUMBER = '0851-12351';
export const HOTLINE_TEL = `tel:${HOTLINE_NUMBER.replace(/[^\d+]/g, '')}`;

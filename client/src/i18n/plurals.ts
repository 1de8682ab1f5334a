/**
 * Count strings. Chinese has one form, so the Chinese strings name a count string
 * `<key>_other` (i18next picks it for every count in zh-CN); English needs a singular
 * beside it. The English strings are typed WithSingulars<…>: every `<key>_other` must come
 * with its `<key>_one`. Pages always say t('<key>', { count }).
 */
export type WithSingulars<T> = T extends string
  ? T
  : { [K in keyof T]: WithSingulars<T[K]> } & {
      [K in keyof T as K extends `${infer Base}_other` ? `${Base}_one` : never]: string;
    };

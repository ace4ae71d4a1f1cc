/**
 * The moment.js locale data DATETIME_FORMAT / DATETIME_PARSE / SET_LOCALE need: names, long date
 * formats, ordinals and week rules. Airtable's locale modifiers are moment locale ids; this table
 * carries the most used ones (English variants and the main Western European languages). Any
 * other id falls back to English, which is what moment does with a locale it does not know.
 */

export interface LocaleData {
  months: readonly string[];
  monthsShort: readonly string[];
  /** Some locales (es, nl) drop the dot from short months inside `-MMM-`, as moment does. */
  monthsShortPlain?: readonly string[];
  weekdays: readonly string[];
  weekdaysShort: readonly string[];
  weekdaysMin: readonly string[];
  /** LT, LTS, L, LL, LLL, LLLL; the lower-case forms are derived the way moment derives them. */
  longDateFormat: Readonly<Record<'LT' | 'LTS' | 'L' | 'LL' | 'LLL' | 'LLLL', string>>;
  ordinal: (n: number, token: string) => string;
  /** First day of week (0 = Sunday) and the January day that fixes week 1 (moment's dow/doy). */
  week: { dow: number; doy: number };
}

const split = (names: string) => names.split('_');

function englishOrdinal(n: number): string {
  const b = n % 10;
  const suffix = Math.trunc((n % 100) / 10) === 1 ? 'th' : b === 1 ? 'st' : b === 2 ? 'nd' : b === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

const english = {
  months: split('January_February_March_April_May_June_July_August_September_October_November_December'),
  monthsShort: split('Jan_Feb_Mar_Apr_May_Jun_Jul_Aug_Sep_Oct_Nov_Dec'),
  weekdays: split('Sunday_Monday_Tuesday_Wednesday_Thursday_Friday_Saturday'),
  weekdaysShort: split('Sun_Mon_Tue_Wed_Thu_Fri_Sat'),
  weekdaysMin: split('Su_Mo_Tu_We_Th_Fr_Sa'),
  ordinal: englishOrdinal,
};

const dayMonthYear12 = { LT: 'h:mm A', LTS: 'h:mm:ss A', L: 'DD/MM/YYYY', LL: 'D MMMM YYYY', LLL: 'D MMMM YYYY h:mm A', LLLL: 'dddd, D MMMM YYYY h:mm A' };
const dayMonthYear24 = { LT: 'HH:mm', LTS: 'HH:mm:ss', L: 'DD/MM/YYYY', LL: 'D MMMM YYYY', LLL: 'D MMMM YYYY HH:mm', LLLL: 'dddd D MMMM YYYY HH:mm' };
const iso = { dow: 1, doy: 4 };

const LOCALES: Record<string, LocaleData> = {
  en: {
    ...english,
    longDateFormat: { LT: 'h:mm A', LTS: 'h:mm:ss A', L: 'MM/DD/YYYY', LL: 'MMMM D, YYYY', LLL: 'MMMM D, YYYY h:mm A', LLLL: 'dddd, MMMM D, YYYY h:mm A' },
    week: { dow: 0, doy: 6 },
  },
  'en-gb': { ...english, longDateFormat: { ...dayMonthYear24, LLLL: 'dddd, D MMMM YYYY HH:mm' }, week: iso },
  'en-au': { ...english, longDateFormat: dayMonthYear12, week: { dow: 0, doy: 4 } },
  'en-ca': {
    ...english,
    longDateFormat: { LT: 'h:mm A', LTS: 'h:mm:ss A', L: 'YYYY-MM-DD', LL: 'MMMM D, YYYY', LLL: 'MMMM D, YYYY h:mm A', LLLL: 'dddd, MMMM D, YYYY h:mm A' },
    week: { dow: 0, doy: 6 },
  },
  'en-ie': { ...english, longDateFormat: dayMonthYear24, week: iso },
  'en-nz': { ...english, longDateFormat: dayMonthYear12, week: iso },
  'en-in': { ...english, longDateFormat: dayMonthYear12, week: { dow: 0, doy: 6 } },
  es: {
    months: split('enero_febrero_marzo_abril_mayo_junio_julio_agosto_septiembre_octubre_noviembre_diciembre'),
    monthsShort: split('ene._feb._mar._abr._may._jun._jul._ago._sep._oct._nov._dic.'),
    monthsShortPlain: split('ene_feb_mar_abr_may_jun_jul_ago_sep_oct_nov_dic'),
    weekdays: split('domingo_lunes_martes_miércoles_jueves_viernes_sábado'),
    weekdaysShort: split('dom._lun._mar._mié._jue._vie._sáb.'),
    weekdaysMin: split('do_lu_ma_mi_ju_vi_sá'),
    longDateFormat: { LT: 'H:mm', LTS: 'H:mm:ss', L: 'DD/MM/YYYY', LL: 'D [de] MMMM [de] YYYY', LLL: 'D [de] MMMM [de] YYYY H:mm', LLLL: 'dddd, D [de] MMMM [de] YYYY H:mm' },
    ordinal: (n) => `${n}º`,
    week: iso,
  },
  fr: {
    months: split('janvier_février_mars_avril_mai_juin_juillet_août_septembre_octobre_novembre_décembre'),
    monthsShort: split('janv._févr._mars_avr._mai_juin_juil._août_sept._oct._nov._déc.'),
    weekdays: split('dimanche_lundi_mardi_mercredi_jeudi_vendredi_samedi'),
    weekdaysShort: split('dim._lun._mar._mer._jeu._ven._sam.'),
    weekdaysMin: split('di_lu_ma_me_je_ve_sa'),
    longDateFormat: { ...dayMonthYear24 },
    ordinal: frenchOrdinal,
    week: iso,
  },
  de: {
    months: split('Januar_Februar_März_April_Mai_Juni_Juli_August_September_Oktober_November_Dezember'),
    monthsShort: split('Jan._Feb._März_Apr._Mai_Juni_Juli_Aug._Sep._Okt._Nov._Dez.'),
    weekdays: split('Sonntag_Montag_Dienstag_Mittwoch_Donnerstag_Freitag_Samstag'),
    weekdaysShort: split('So._Mo._Di._Mi._Do._Fr._Sa.'),
    weekdaysMin: split('So_Mo_Di_Mi_Do_Fr_Sa'),
    longDateFormat: { LT: 'HH:mm', LTS: 'HH:mm:ss', L: 'DD.MM.YYYY', LL: 'D. MMMM YYYY', LLL: 'D. MMMM YYYY HH:mm', LLLL: 'dddd, D. MMMM YYYY HH:mm' },
    ordinal: (n) => `${n}.`,
    week: iso,
  },
  it: {
    months: split('gennaio_febbraio_marzo_aprile_maggio_giugno_luglio_agosto_settembre_ottobre_novembre_dicembre'),
    monthsShort: split('gen_feb_mar_apr_mag_giu_lug_ago_set_ott_nov_dic'),
    weekdays: split('domenica_lunedì_martedì_mercoledì_giovedì_venerdì_sabato'),
    weekdaysShort: split('dom_lun_mar_mer_gio_ven_sab'),
    weekdaysMin: split('do_lu_ma_me_gi_ve_sa'),
    longDateFormat: { ...dayMonthYear24 },
    ordinal: (n) => `${n}º`,
    week: iso,
  },
  pt: {
    months: split('janeiro_fevereiro_março_abril_maio_junho_julho_agosto_setembro_outubro_novembro_dezembro'),
    monthsShort: split('jan_fev_mar_abr_mai_jun_jul_ago_set_out_nov_dez'),
    weekdays: split('Domingo_Segunda-feira_Terça-feira_Quarta-feira_Quinta-feira_Sexta-feira_Sábado'),
    weekdaysShort: split('Dom_Seg_Ter_Qua_Qui_Sex_Sáb'),
    weekdaysMin: split('Do_2ª_3ª_4ª_5ª_6ª_Sá'),
    longDateFormat: { LT: 'HH:mm', LTS: 'HH:mm:ss', L: 'DD/MM/YYYY', LL: 'D [de] MMMM [de] YYYY', LLL: 'D [de] MMMM [de] YYYY HH:mm', LLLL: 'dddd, D [de] MMMM [de] YYYY HH:mm' },
    ordinal: (n) => `${n}º`,
    week: iso,
  },
  'pt-br': {
    months: split('janeiro_fevereiro_março_abril_maio_junho_julho_agosto_setembro_outubro_novembro_dezembro'),
    monthsShort: split('jan_fev_mar_abr_mai_jun_jul_ago_set_out_nov_dez'),
    weekdays: split('domingo_segunda-feira_terça-feira_quarta-feira_quinta-feira_sexta-feira_sábado'),
    weekdaysShort: split('dom_seg_ter_qua_qui_sex_sáb'),
    weekdaysMin: split('do_2ª_3ª_4ª_5ª_6ª_sá'),
    longDateFormat: { LT: 'HH:mm', LTS: 'HH:mm:ss', L: 'DD/MM/YYYY', LL: 'D [de] MMMM [de] YYYY', LLL: 'D [de] MMMM [de] YYYY [às] HH:mm', LLLL: 'dddd, D [de] MMMM [de] YYYY [às] HH:mm' },
    ordinal: (n) => `${n}º`,
    week: { dow: 0, doy: 6 },
  },
  nl: {
    months: split('januari_februari_maart_april_mei_juni_juli_augustus_september_oktober_november_december'),
    monthsShort: split('jan._feb._mrt._apr._mei_jun._jul._aug._sep._okt._nov._dec.'),
    monthsShortPlain: split('jan_feb_mrt_apr_mei_jun_jul_aug_sep_okt_nov_dec'),
    weekdays: split('zondag_maandag_dinsdag_woensdag_donderdag_vrijdag_zaterdag'),
    weekdaysShort: split('zo._ma._di._wo._do._vr._za.'),
    weekdaysMin: split('zo_ma_di_wo_do_vr_za'),
    longDateFormat: { LT: 'HH:mm', LTS: 'HH:mm:ss', L: 'DD-MM-YYYY', LL: 'D MMMM YYYY', LLL: 'D MMMM YYYY HH:mm', LLLL: 'dddd D MMMM YYYY HH:mm' },
    ordinal: (n) => `${n}${n === 1 || n === 8 || n >= 20 ? 'ste' : 'de'}`,
    week: iso,
  },
};
LOCALES['fr-ca'] = { ...(LOCALES.fr as LocaleData), longDateFormat: { ...dayMonthYear24, L: 'YYYY-MM-DD' }, week: { dow: 0, doy: 6 } };

function frenchOrdinal(n: number, token: string): string {
  if (token === 'D') return `${n}${n === 1 ? 'er' : ''}`;
  if (token === 'w' || token === 'W') return `${n}${n === 1 ? 're' : 'e'}`;
  return `${n}${n === 1 ? 'er' : 'e'}`;
}

export const ENGLISH = LOCALES.en as LocaleData;

/** moment's key normalisation: lower case, `_` → `-`, then the language alone ('es-MX' → 'es'). */
export function normaliseLocale(key: string): string | undefined {
  const normal = key.trim().toLowerCase().replace(/_/g, '-');
  if (LOCALES[normal]) return normal;
  const language = normal.split('-')[0] ?? '';
  return LOCALES[language] ? language : undefined;
}

export function localeData(key: string | undefined): LocaleData {
  const normal = key === undefined ? undefined : normaliseLocale(key);
  return (normal && LOCALES[normal]) || ENGLISH;
}

export type LongFormatKey = 'LT' | 'LTS' | 'L' | 'LL' | 'LLL' | 'LLLL' | 'l' | 'll' | 'lll' | 'llll';

/** `l` … `llll` are LL… with MMMM→MMM, MM→M, DD→D, dddd→ddd, exactly as moment derives them. */
export function longFormat(locale: LocaleData, key: LongFormatKey): string {
  if (key === 'LT' || key === 'LTS' || key === 'L' || key === 'LL' || key === 'LLL' || key === 'LLLL') return locale.longDateFormat[key];
  const upper = locale.longDateFormat[key.toUpperCase() as 'L' | 'LL' | 'LLL' | 'LLLL'];
  // Brackets are kept verbatim; only the four tokens shrink.
  return upper.replace(/(\[[^\]]*\])|MMMM|MM|DD|dddd/g, (match: string, bracket: string | undefined) => bracket ?? match.slice(1));
}

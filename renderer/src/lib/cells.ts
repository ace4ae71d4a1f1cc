import { isComputedFieldType } from '../../../shared/domain/fieldTypes';

export interface FieldInfo {
  id: string;
  name: string;
  type: string;
  options: Record<string, unknown> | null;
}

// One formatter for every date cell: toLocaleString() builds a new one per call, which shows
// up as dropped frames when a fast scroll draws hundreds of date cells.
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isReadOnly(field: FieldInfo): boolean {
  return isComputedFieldType(field.type);
}

/** The cell as one line of text: for the grid, search results and CSV export. */
export function cellText(field: FieldInfo, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'checkbox':
      return value === true ? '✓' : '';
    case 'percent':
      return typeof value === 'number' ? `${round(value * 100)}%` : anyText(value);
    case 'currency': {
      const symbol = typeof field.options?.symbol === 'string' ? field.options.symbol : '';
      return typeof value === 'number' ? `${symbol}${value.toFixed(typeof field.options?.precision === 'number' ? field.options.precision : 2)}` : anyText(value);
    }
    case 'rating':
      return typeof value === 'number' ? '★'.repeat(Math.max(0, Math.min(10, value))) : '';
    case 'duration':
      return typeof value === 'number' ? formatDuration(value) : '';
    case 'dateTime':
    case 'createdTime':
    case 'lastModifiedTime':
      return typeof value === 'string' ? dateTimeFormat.format(new Date(value)) : '';
    case 'multipleAttachments':
      return Array.isArray(value) ? value.map((a) => (isObject(a) && typeof a.filename === 'string' ? a.filename : 'file')).join(', ') : '';
    default:
      return anyText(value);
  }
}

function anyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(anyText).filter(Boolean).join(', ');
  if (isObject(value)) {
    for (const key of ['name', 'email', 'text', 'filename', 'label']) if (typeof value[key] === 'string') return value[key];
    if (value.specialValue !== undefined || value.error !== undefined) return '#ERROR';
  }
  return '';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}`;
}

const choicesCache = new WeakMap<FieldInfo, Array<{ name: string; color?: string }>>();

/** A select field's choices (worked out once per field: every select cell on screen asks). */
export function choicesOf(field: FieldInfo): Array<{ name: string; color?: string }> {
  const cached = choicesCache.get(field);
  if (cached) return cached;
  const raw = field.options?.choices;
  const choices = Array.isArray(raw) ? raw.filter(isObject).map((c) => ({ name: String(c.name as string), ...(typeof c.color === 'string' ? { color: c.color } : {}) })) : [];
  choicesCache.set(field, choices);
  return choices;
}

/** What the editor's text becomes in Airtable's write format; throws a readable error when it cannot. */
export function parseInput(field: FieldInfo, text: string, previous: unknown): unknown {
  const trimmed = text.trim();
  switch (field.type) {
    case 'number':
    case 'currency':
    case 'rating':
    case 'duration':
    case 'percent': {
      if (trimmed === '') return null;
      // Thousands separators, a percent sign or one leading currency symbol are fine; words are not.
      const digits = trimmed.replace(/[%,\s]/g, '').replace(/^[$€£¥]/, '');
      const n = Number(digits);
      if (digits === '' || !Number.isFinite(n)) throw new Error(`“${text}” is not a number.`);
      return field.type === 'percent' ? n / 100 : n;
    }
    case 'checkbox':
      return trimmed === 'true' || trimmed === '✓';
    case 'date':
      return trimmed === '' ? null : trimmed;
    case 'dateTime': {
      if (trimmed === '') return null;
      const d = new Date(trimmed);
      if (Number.isNaN(d.getTime())) throw new Error(`“${text}” is not a date and time.`);
      return d.toISOString();
    }
    case 'multipleSelects':
      return trimmed === '' ? [] : trimmed.split(',').map((s) => s.trim()).filter(Boolean);
    case 'singleSelect':
      return trimmed === '' ? null : trimmed;
    case 'multipleRecordLinks':
      return trimmed === '' ? [] : trimmed.split(/[\s,]+/).filter(Boolean);
    case 'singleCollaborator':
      return trimmed === '' ? null : { email: trimmed };
    case 'multipleCollaborators':
      return trimmed === '' ? [] : trimmed.split(',').map((email) => ({ email: email.trim() }));
    case 'multipleAttachments': {
      const kept = Array.isArray(previous) ? previous.filter(isObject).map((a) => ({ id: a.id })) : [];
      return /^https:\/\//.test(trimmed) ? [...kept, { url: trimmed }] : kept;
    }
    case 'barcode':
      return trimmed === '' ? null : { text: trimmed };
    default:
      return text;
  }
}

/** The editor's starting text for a value. */
export function editText(field: FieldInfo, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (field.type) {
    case 'percent':
      return typeof value === 'number' ? String(round(value * 100)) : '';
    case 'dateTime':
      return typeof value === 'string' ? toLocalInput(value) : '';
    case 'multipleRecordLinks':
      return Array.isArray(value) ? value.map(anyText).join(', ') : '';
    case 'multipleAttachments':
      return '';
    default:
      return field.type === 'checkbox' ? String(value === true) : anyText(value);
  }
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The input element an editor uses for a type. */
export function inputKind(field: FieldInfo): 'text' | 'textarea' | 'number' | 'date' | 'datetime-local' | 'select' | 'email' | 'url' | 'tel' {
  switch (field.type) {
    case 'multilineText':
    case 'richText':
      return 'textarea';
    case 'number':
    case 'currency':
    case 'percent':
    case 'rating':
    case 'duration':
      return 'number';
    case 'date':
      return 'date';
    case 'dateTime':
      return 'datetime-local';
    case 'singleSelect':
      return 'select';
    case 'email':
      return 'email';
    case 'url':
      return 'url';
    case 'phoneNumber':
      return 'tel';
    default:
      return 'text';
  }
}

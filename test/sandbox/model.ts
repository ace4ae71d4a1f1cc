import type { CompiledFormula } from '../../electron/core/formula';

export interface Collaborator {
  id: string;
  email: string;
  name: string;
}

export interface Field {
  id: string;
  name: string;
  type: string;
  description?: string;
  options?: Record<string, unknown>;
  /** Cached compiled formula for formula fields; dropped whenever the schema changes. */
  compiled?: CompiledFormula;
}

export interface View {
  id: string;
  name: string;
  type: 'grid' | 'form' | 'calendar' | 'gallery' | 'kanban' | 'timeline' | 'block';
  visibleFieldIds?: string[];
  /** Internal: the view's filter (a formula) and sort, which the API cannot see or change. */
  filterFormula?: string;
  sort?: Array<{ fieldId: string; direction: 'asc' | 'desc' }>;
}

export interface Comment {
  id: string;
  authorId: string;
  text: string;
  createdTime: string;
  lastUpdatedTime: string | null;
  parentCommentId?: string;
}

export interface StoredRecord {
  id: string;
  createdTime: string;
  /** Writable cell values keyed by field id; an absent key is an empty cell. */
  cells: Record<string, unknown>;
  /** Per-field last modification (ms), for LAST_MODIFIED_TIME and lastModifiedTime fields. */
  modifiedAt: Record<string, number>;
  lastModifiedAt: number;
  createdBy: string;
  lastModifiedBy: string;
  autoNumber: number;
  comments: Comment[];
}

export interface Table {
  id: string;
  name: string;
  description?: string;
  primaryFieldId: string;
  fields: Field[];
  views: View[];
  records: Map<string, StoredRecord>;
  nextAutoNumber: number;
}

export interface Base {
  id: string;
  name: string;
  workspaceId: string;
  /** The permission level of the sandbox user on this base. */
  permissionLevel: 'none' | 'read' | 'comment' | 'edit' | 'create';
  tables: Table[];
}

export function findTable(base: Base, idOrName: string): Table | undefined {
  return base.tables.find((t) => t.id === idOrName) ?? base.tables.find((t) => t.name === idOrName);
}

export function findField(table: Table, idOrName: string): Field | undefined {
  return table.fields.find((f) => f.id === idOrName) ?? table.fields.find((f) => f.name === idOrName);
}

export function findView(table: Table, idOrName: string): View | undefined {
  return table.views.find((v) => v.id === idOrName) ?? table.views.find((v) => v.name === idOrName);
}

/** Schema as the metadata API returns it (internal view settings and caches left out). */
export function tableModel(table: Table, includeVisibleFieldIds: boolean) {
  return {
    id: table.id,
    name: table.name,
    ...(table.description ? { description: table.description } : {}),
    primaryFieldId: table.primaryFieldId,
    fields: table.fields.map(fieldModel),
    views: table.views.map((v) => ({
      id: v.id,
      name: v.name,
      type: v.type,
      ...(includeVisibleFieldIds && v.type === 'grid' ? { visibleFieldIds: v.visibleFieldIds ?? table.fields.map((f) => f.id) } : {}),
    })),
  };
}

export function fieldModel(field: Field) {
  return {
    id: field.id,
    name: field.name,
    type: field.type,
    ...(field.description ? { description: field.description } : {}),
    ...(field.options ? { options: field.options } : {}),
  };
}

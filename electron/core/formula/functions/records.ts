import { type FunctionTable, MANY } from './spec';
/** Record metadata. LAST_MODIFIED_TIME({Field}, …) names fields, so it receives their ids. */
export const RECORDS: FunctionTable = {
  RECORD_ID: { min: 0, max: 0, impl: (_args, ctx) => ctx.record.recordId },
  CREATED_TIME: { min: 0, max: 0, impl: (_args, ctx) => ctx.record.createdTime },
  LAST_MODIFIED_TIME: { min: 0, max: MANY, args: 'fields', impl: (fieldIds, ctx) => ctx.record.lastModifiedTime(fieldIds) },
};

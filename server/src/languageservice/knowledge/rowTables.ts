/**
 * Every table of versioned rows (knowledge/rows.ts), for the data lint
 * (test/unit/knowledgeRows.test.ts): a new table must be listed here.
 */
import { IMPLICIT_DEVICE_ROWS, PANIC_MODEL_ROWS, USB_CONTROLLER_ROWS } from './deviceDefaults';
import { Row } from './rows';

export const ROW_TABLES: Record<string, readonly Row<unknown>[]> = {
  USB_CONTROLLER_ROWS,
  IMPLICIT_DEVICE_ROWS,
  PANIC_MODEL_ROWS,
};

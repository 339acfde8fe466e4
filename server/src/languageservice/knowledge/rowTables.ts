/**
 * Every table of versioned rows (knowledge/rows.ts), for the data lint
 * (test/unit/knowledgeRows.test.ts): a new table must be listed here.
 */
import {
  HYPERV_MODE_ROWS,
  IMPLICIT_DEVICE_ROWS,
  PANIC_MODEL_ROWS,
  TPM_MODEL_ROWS,
  TPM_VERSION_ROWS,
  USB_CONTROLLER_ROWS,
} from './deviceDefaults';
import { CHANNEL_PATH_ROWS } from './channelPaths';
import { Row } from './rows';

export const ROW_TABLES: Record<string, readonly Row<unknown>[]> = {
  USB_CONTROLLER_ROWS,
  IMPLICIT_DEVICE_ROWS,
  PANIC_MODEL_ROWS,
  TPM_MODEL_ROWS,
  TPM_VERSION_ROWS,
  HYPERV_MODE_ROWS,
  CHANNEL_PATH_ROWS,
};

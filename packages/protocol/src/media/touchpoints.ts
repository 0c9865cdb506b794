/**
 * GSA Touchpoints' A-11 v2 raw-data file (`Form#to_a11_v2_csv`): 17 columns, one row per
 * submission. `1` = the driver was ticked, `0` = offered but not ticked (also when the respondent
 * was on the other branch), the text `null` = not on that survey. Touchpoints has one "other"
 * option, "Something else / None of the above", read here as "other".
 */
import type { DriverKey } from '../a11.js';

/** Touchpoints' driver keys, in its column order; each is also ours. */
export const TOUCHPOINTS_DRIVERS = ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other'] as const satisfies readonly DriverKey[];

export const TOUCHPOINTS_A11_V2_COLUMNS = [
  'external_id',
  'question_1',
  ...TOUCHPOINTS_DRIVERS.map((k) => `positive_${k}` as const),
  ...TOUCHPOINTS_DRIVERS.map((k) => `negative_${k}` as const),
  'question_4',
] as const;

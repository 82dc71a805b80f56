// A goal's `ads:` mapping → AdsConversionSpec. Value, currency and transaction id name goal
// parameters (their sources are wired into the Google Ads tag by the compiler).
import type { AdsConversionSpec } from "./model.js";

type Raw = Record<string, unknown>;

export function adsConversionOf(raw: Raw, file: string, pointer: string): AdsConversionSpec {
  return {
    conversionId: raw.conversion_id as string,
    conversionLabel: raw.conversion_label as string,
    ...(raw.value !== undefined ? { valueParam: raw.value as string } : {}),
    ...(raw.currency !== undefined ? { currencyParam: raw.currency as string } : {}),
    ...(raw.transaction_id !== undefined ? { transactionIdParam: raw.transaction_id as string } : {}),
    source: { file, pointer },
  };
}

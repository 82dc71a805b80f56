// GA4 Admin emulator state as plain JSON.

export interface StoredKeyEvent {
  id: string;
  eventName: string;
  countingMethod: string;
  defaultValue?: { numericValue: number; currencyCode: string };
  custom: boolean;
  deletable: boolean;
  createTime: string;
}

export interface StoredCustomDimension {
  id: string;
  parameterName: string;
  displayName: string;
  description?: string;
  scope: string;
  disallowAdsPersonalization?: boolean;
  archived: boolean;
}

export interface Ga4Property {
  propertyId: string;
  displayName: string;
  accountId: string;
  createTime: string;
  nextId: number;
  keyEvents: StoredKeyEvent[];
  customDimensions: StoredCustomDimension[];
  /** v1alpha audiences; absent in older state files. */
  audiences?: StoredAudience[];
}

export interface StoredAudience {
  id: string;
  displayName: string;
  description: string;
  membershipDurationDays: number;
  filterClauses: unknown[];
  exclusionDurationMode?: string;
  eventTrigger?: { eventName: string; logCondition: string };
  adsPersonalizationEnabled: boolean;
  createTime: string;
  archived: boolean;
}

export interface Ga4State {
  properties: Ga4Property[];
}

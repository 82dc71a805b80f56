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
}

export interface Ga4State {
  properties: Ga4Property[];
}

// Live state as the planner sees it: plain data read through the APIs by gtm/read-live.ts and
// ga4/admin/read-live.ts. Raw entities keep every server field; normalize.ts picks the body.

export interface LiveEntity {
  id: string;
  fingerprint: string;
  parentFolderId?: string;
  raw: Record<string, unknown>;
}

export interface LiveFolder {
  id: string;
  name: string;
  notes?: string;
  fingerprint: string;
}

export interface LiveGtm {
  /** Where the entities were read from: our workspace, the live version (no workspace yet), or nothing. */
  source: "workspace" | "version" | "empty";
  workspaceId?: string;
  /** GTM read calls the live read made, paging included (apply reads the same again). */
  reads?: number;
  builtInVariables: string[];
  folders: LiveFolder[];
  variables: LiveEntity[];
  triggers: LiveEntity[];
  tags: LiveEntity[];
}

export interface LiveKeyEvent {
  name: string; // properties/1/keyEvents/2
  eventName: string;
  countingMethod?: string;
  defaultValue?: { numericValue?: number; currencyCode?: string };
}

export interface LiveCustomDimension {
  name: string; // properties/1/customDimensions/3
  parameterName: string;
  displayName: string;
  description?: string;
  scope: string;
}

export interface LiveAudience {
  name: string; // properties/1/audiences/4
  displayName: string;
  description: string;
  membershipDurationDays: number;
  exclusionDurationMode?: string;
  filterClauses: Record<string, unknown>[];
}

export interface LiveGa4 {
  keyEvents: LiveKeyEvent[];
  customDimensions: LiveCustomDimension[];
  /** Read by ga4/admin/read-audiences.ts; absent when not read. */
  audiences?: LiveAudience[];
}

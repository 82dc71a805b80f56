// DesiredState → GTM container import file (exportFormatVersion 2), for teams that review a file in
// a pull request and import it by hand (merge mode). Ids are sequential per entity kind in key
// order, every firingTriggerId resolves, everything sits in the "microgoals" folder. No
// exportTime or fingerprints: the file is a pure function of the spec.
import { BUILT_IN_NAME_BY_TYPE } from "./built-in-variables.js";
import type { DesiredState } from "./desired-state.js";
import { tagToExport, toExportEnum, triggerToExport, variableToExport } from "./export-format.js";

export interface ContainerExport {
  exportFormatVersion: 2;
  containerVersion: {
    path: string;
    accountId: string;
    containerId: string;
    containerVersionId: string;
    container: { path: string; accountId: string; containerId: string; usageContext: string[] };
    tag: Record<string, unknown>[];
    trigger: Record<string, unknown>[];
    variable: Record<string, unknown>[];
    builtInVariable: { accountId: string; containerId: string; type: string; name: string }[];
    folder: { accountId: string; containerId: string; folderId: string; name: string }[];
  };
}

export const FOLDER_ID = "1";

export function exportContainer(state: DesiredState): ContainerExport {
  const { accountId, containerId } = state.gtm;
  const ids = { accountId, containerId };
  const triggerIds = new Map(state.gtm.triggers.map((t, i) => [t.key, String(i + 1)]));
  const containerPath = `accounts/${accountId}/containers/${containerId}`;
  return {
    exportFormatVersion: 2,
    containerVersion: {
      path: `${containerPath}/versions/0`,
      ...ids,
      containerVersionId: "0",
      container: { path: containerPath, ...ids, usageContext: ["WEB"] },
      tag: state.gtm.tags.map((t, i) => {
        const { name, type, parameter, firingTriggerId, tagFiringOption, consentSettings, notes } = t.body;
        const body = tagToExport({
          name,
          type,
          parameter,
          firingTriggerId: firingTriggerId.map((k) => {
            const id = triggerIds.get(k);
            if (!id) throw new Error(`tag ${t.key} fires on unknown trigger ${k}`);
            return id;
          }),
          parentFolderId: FOLDER_ID,
          tagFiringOption,
          consentSettings,
          notes,
        });
        return { ...ids, tagId: String(i + 1), ...body };
      }),
      trigger: state.gtm.triggers.map((t) => {
        const { name, type, notes, ...rest } = t.body;
        const body = triggerToExport({ name, type, ...rest, parentFolderId: FOLDER_ID, notes });
        return { ...ids, triggerId: triggerIds.get(t.key)!, ...body };
      }),
      variable: state.gtm.variables.map((v, i) => {
        const { name, type, parameter, notes } = v.body;
        const body = variableToExport({ name, type, parameter, parentFolderId: FOLDER_ID, notes });
        return { ...ids, variableId: String(i + 1), ...body };
      }),
      builtInVariable: state.gtm.builtInVariables.map((type) => ({
        ...ids,
        type: toExportEnum(type),
        name: BUILT_IN_NAME_BY_TYPE.get(type) ?? type,
      })),
      folder: [{ ...ids, folderId: FOLDER_ID, name: state.gtm.folderName }],
    },
  };
}

/** The file bytes: two-space JSON with a trailing newline. */
export function exportContainerJson(state: DesiredState): string {
  return `${JSON.stringify(exportContainer(state), null, 2)}\n`;
}

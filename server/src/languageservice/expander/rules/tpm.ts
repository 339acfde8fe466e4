/** <tpm>: the model of a TPM without one and the version of an emulated TPM without one. */
import { TPM_MODEL_ROWS, TPM_VERSION_ROWS } from '../../knowledge/deviceDefaults';
import { pickRow, rowSource } from '../../knowledge/rows';
import { Rule } from '../context';

export const tpmRule: Rule = {
  id: 'tpm',
  description: 'fills the TPM model and the version of an emulated TPM',
  apply(ctx) {
    const tpms = ctx.root.child('devices')?.all('tpm') ?? [];
    if (!tpms.length) return;
    const modelRow = pickRow(TPM_MODEL_ROWS, 'tpm-model', ctx.versions, ctx.guest);
    const versionRow = pickRow(TPM_VERSION_ROWS, 'tpm-version', ctx.versions, ctx.guest);
    for (const t of tpms) {
      if (modelRow)
        ctx.fillAttr(t, 'model', modelRow.value, {
          rule: this.id,
          category: 'abi',
          reason: `a TPM on ${ctx.arch} is ${modelRow.value} unless told otherwise`,
          source: rowSource(modelRow),
        });
      const backend = t.child('backend');
      const model = t.attr('model');
      if (!versionRow || !model || backend?.attr('type') !== 'emulator') continue;
      const version = versionRow.value(model, ctx.guest);
      ctx.fillAttr(backend, 'version', version, {
        rule: this.id,
        category: 'abi',
        reason: `TPM 1.2 and 2.0 are not compatible, so libvirt records the version it emulates for ${model} (${version})`,
        source: rowSource(versionRow),
      });
    }
  },
};

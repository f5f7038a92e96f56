import assert from 'node:assert/strict';
import { policyIdFromFileName, policyTemplate } from '../../server/src/engine/template';
import { findings, lintFiles } from '../helpers/workspace';

describe('new policy template', () => {
  it('takes the id from the file name', () => {
    assert.equal(policyIdFromFileName('policies/Data Retention.md'), 'data-retention');
    assert.equal(policyIdFromFileName('C:\\work\\incident_response.md'), 'incident-response');
    assert.equal(policyIdFromFileName('policies/---.md'), 'new-policy');
  });

  it('is a valid policy whose only findings point at the placeholders to fill in', () => {
    const result = lintFiles({ 'policies/data-retention.md': policyTemplate('data-retention', '2026-11-22') });
    assert.deepEqual(findings(result).map((f) => `${f.rule} ${f.range} ${f.message}`), ['source/missing 17:15-17:34 path/to/config.json does not exist']);
    assert.deepEqual(result.policies.map((p) => [p.id, p.title, p.reviewNext]), [['data-retention', 'Data Retention Policy', '2027-11-22']]);
  });
});

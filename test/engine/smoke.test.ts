import assert from 'node:assert/strict';
import { findings, lintFiles, policy } from '../helpers/workspace';

describe('engine smoke', () => {
  it('reports drift at the config value with the contract message', () => {
    const result = lintFiles({
      'policies/p.md': policy('p', 'requirements:\n  min-length:\n    says: Passwords are at least 12 characters long.\n    expect: ">= 12"\n    in:\n      - file: idp/okta.json\n        at: $.minLength\n'),
      'idp/okta.json': '{\n  "minLength": 8\n}\n',
    });
    assert.deepEqual(findings(result), [
      { rule: 'requirement/drift', severity: 'error', message: 'minLength is 8; policy p › min-length expects >= 12', file: 'idp/okta.json', range: '2:16-2:17', requirement: 'min-length' },
    ]);
    assert.deepEqual(result.requirements.map((r) => r.status), ['drift']);
  });
});

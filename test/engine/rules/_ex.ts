import { findings, lintFiles, policy } from '../../helpers/workspace';
const show = (name: string, files: Record<string,string|Uint8Array>, opts = {}) => { try { const r = lintFiles(files, opts); console.log('## ' + name); for (const f of r.findings) console.log(JSON.stringify({...findings(r).find((x,i)=>r.findings[i]===f)!, policy: f.policy})); console.log('  req:', JSON.stringify(r.requirements.map(x => [x.policy, x.requirement, x.status]))); } catch (e) { console.log('## ' + name, 'THROWS', String(e)); } };
const req = (e: string, f: string, at = '$.min') => `requirements:\n  min-length:\n    expect: ${e}\n    in:\n      - file: ${f}\n        at: ${at}\n`;
show('gt', { 'a.md': policy('a', req('"> 12"', 'a.json')), 'a.json': '{"min": 14}' });
show('lt', { 'a.md': policy('a', req('"< 90"', 'a.json')), 'a.json': '{"min": 30}' });
show('gt-string', { 'a.md': policy('a', req('"> 12"', 'a.json')), 'a.json': '{"min": "14"}' });
show('eq', { 'a.md': policy('a', req('12', 'a.json')), 'a.json': '{"min": 14}' });
show('oneOf conflict', { 'a.md': policy('a', `requirements:\n  algo:\n    expect: {oneOf: [AES256, "aws:kms"]}\n    in:\n      - file: a.json\n        at: $.algo\n      - file: b.yaml\n        at: $.algo\n`), 'a.json': '{"algo": "AES256"}', 'b.yaml': 'algo: "aws:kms"\n' });
show('conflict same', { 'a.md': policy('a', `requirements:\n  algo:\n    expect: ">= 12"\n    in:\n      - file: a.json\n        at: $.min\n      - file: b.yaml\n        at: $.min\n`), 'a.json': '{"min": 14}', 'b.yaml': 'min: "14"\n' });

import assert from 'node:assert/strict';
import {
  DEFAULT_FRAMEWORK,
  FRAMEWORKS,
  SOC2_2017,
  lookupControl,
  nearestControlId,
  normalizeControlId,
  type Catalog,
} from '../../server/src/engine/controls/catalog';

const EXPECTED_IDS = [
  'CC1.1', 'CC1.2', 'CC1.3', 'CC1.4', 'CC1.5',
  'CC2.1', 'CC2.2', 'CC2.3',
  'CC3.1', 'CC3.2', 'CC3.3', 'CC3.4',
  'CC4.1', 'CC4.2',
  'CC5.1', 'CC5.2', 'CC5.3',
  'CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7', 'CC6.8',
  'CC7.1', 'CC7.2', 'CC7.3', 'CC7.4', 'CC7.5',
  'CC8.1',
  'CC9.1', 'CC9.2',
  'A1.1', 'A1.2', 'A1.3',
  'C1.1', 'C1.2',
  'PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5',
  'P1.1',
  'P2.1',
  'P3.1', 'P3.2',
  'P4.1', 'P4.2', 'P4.3',
  'P5.1', 'P5.2',
  'P6.1', 'P6.2', 'P6.3', 'P6.4', 'P6.5', 'P6.6', 'P6.7',
  'P7.1',
  'P8.1',
];

function soc2(): Catalog {
  const catalog = FRAMEWORKS.get(DEFAULT_FRAMEWORK);
  assert.ok(catalog, 'default framework is registered');
  return catalog;
}

describe('controls catalog', () => {
  describe('SOC 2 2017 criteria', () => {
    it('has 61 criteria', () => {
      assert.equal(EXPECTED_IDS.length, 61);
      assert.equal(SOC2_2017.length, 61);
      assert.equal(soc2().controls.size, 61);
    });

    it('lists every criterion id in order', () => {
      assert.deepEqual(SOC2_2017.map((c) => c.id), EXPECTED_IDS);
      assert.deepEqual([...soc2().controls.keys()], EXPECTED_IDS);
    });

    it('has no duplicate ids', () => {
      assert.equal(new Set(SOC2_2017.map((c) => c.id)).size, SOC2_2017.length);
    });

    it('has the expected titles', () => {
      assert.equal(lookupControl(soc2(), 'CC6.1')?.title, 'Logical access security software, infrastructure and architectures');
      assert.equal(lookupControl(soc2(), 'CC8.1')?.title, 'Change management');
      assert.equal(lookupControl(soc2(), 'CC7.4')?.title, 'Incident response');
      assert.equal(lookupControl(soc2(), 'A1.3')?.title, 'Recovery plan testing');
      assert.equal(lookupControl(soc2(), 'P1.1')?.title, 'Privacy notice');
    });

    it('quotes CC6.1 faithfully', () => {
      assert.equal(
        lookupControl(soc2(), 'CC6.1')?.summary,
        "The entity implements logical access security software, infrastructure, and architectures over protected information assets to protect them from security events to meet the entity's objectives.",
      );
    });

    it('has a non-empty title and a one-period-terminated summary for every criterion', () => {
      for (const c of SOC2_2017) {
        assert.ok(c.title.trim().length > 0, `${c.id} title`);
        assert.ok(c.summary.trim().length > 0, `${c.id} summary`);
        assert.ok(c.summary.endsWith('.'), `${c.id} summary ends with a period`);
      }
    });

    it('assigns categories by criterion family', () => {
      const expected: ReadonlyArray<[RegExp, string]> = [
        [/^CC1\./, 'Control Environment'],
        [/^CC2\./, 'Communication and Information'],
        [/^CC3\./, 'Risk Assessment'],
        [/^CC4\./, 'Monitoring Activities'],
        [/^CC5\./, 'Control Activities'],
        [/^CC6\./, 'Logical and Physical Access Controls'],
        [/^CC7\./, 'System Operations'],
        [/^CC8\./, 'Change Management'],
        [/^CC9\./, 'Risk Mitigation'],
        [/^A1\./, 'Availability'],
        [/^C1\./, 'Confidentiality'],
        [/^PI1\./, 'Processing Integrity'],
        [/^P[1-8]\./, 'Privacy'],
      ];
      for (const c of SOC2_2017) {
        const match = expected.find(([re]) => re.test(c.id));
        assert.ok(match, `${c.id} belongs to a known family`);
        assert.equal(c.category, match[1], c.id);
      }
    });
  });

  describe('lookup', () => {
    it('normalizes by trimming and upper-casing only', () => {
      assert.equal(normalizeControlId('cc6.1'), 'CC6.1');
      assert.equal(normalizeControlId('  pi1.2 \t'), 'PI1.2');
      assert.equal(normalizeControlId('cc 6.1'), 'CC 6.1');
    });

    it('is case-insensitive', () => {
      assert.equal(lookupControl(soc2(), 'cc6.1')?.id, 'CC6.1');
      assert.equal(lookupControl(soc2(), ' Pi1.5 ')?.id, 'PI1.5');
      assert.equal(lookupControl(soc2(), 'a1.2')?.id, 'A1.2');
    });

    it('returns undefined for unknown ids', () => {
      assert.equal(lookupControl(soc2(), 'CC6.9'), undefined);
      assert.equal(lookupControl(soc2(), 'CC 6.1'), undefined);
      assert.equal(lookupControl(soc2(), ''), undefined);
    });
  });

  describe('nearestControlId', () => {
    it('suggests the closest id', () => {
      assert.equal(nearestControlId(soc2(), 'CC6.9'), 'CC6.8');
      assert.equal(nearestControlId(soc2(), 'CC61'), 'CC6.1');
      assert.equal(nearestControlId(soc2(), 'cc 6.1'), 'CC6.1');
      assert.equal(nearestControlId(soc2(), 'CC.61'), 'CC6.1');
      assert.equal(nearestControlId(soc2(), 'CC1.9'), 'CC1.5');
      assert.equal(nearestControlId(soc2(), 'PI15'), 'PI1.5');
    });

    it('returns an exact match as itself', () => {
      assert.equal(nearestControlId(soc2(), 'cc8.1'), 'CC8.1');
    });

    it('returns undefined when nothing is within distance 2', () => {
      assert.equal(nearestControlId(soc2(), 'XYZ'), undefined);
      assert.equal(nearestControlId(soc2(), 'ISO27001'), undefined);
      assert.equal(nearestControlId(soc2(), ''), undefined);
    });
  });
});

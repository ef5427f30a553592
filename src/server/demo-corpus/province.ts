/**
 * Province-scale data (issue 7, issue 32): a province in three levels — the province, its cities,
 * their districts (区县) — each district with its budget departments, some of them units (二级单位)
 * under a 主管部门 of the same district (schools under the 教育局, hospitals under the 卫生健康局 …),
 * each department with one document of 10–40 project tables per year for one or several years,
 * until the number of projects asked for. The tables come from the corpus generator
 * (generate-corpus.ts), so they carry the fixtures' real content, variations and defects.
 * Deterministic: the same options give the same documents.
 *
 * A district is a region code (the first six digits of every project code, e.g. 130202 唐山市路南区):
 * the unit that partitions the data (docs/scaling.md).
 */
import type { Region } from '../../shared/domain/region';
import { generateDocument, Rng, type GeneratedDocument, type Harvest } from './generate-corpus';

export interface ProvinceOptions {
  /** Project tables in all. */
  projects: number;
  seed: number;
  year: number;
  /** Tables per department document, inclusive (default 10–40). */
  minTables?: number;
  maxTables?: number;
  /** Districts (default: one per 1,000 projects of a year, at least 1, at most DISTRICT_CAPACITY). */
  districts?: number;
  /** Budget years, ending at `year` (default 1): each department has a document in each. */
  years?: number;
}

export interface District {
  code: string;
  name: string;
}

/** Hebei's prefecture-level cities and their two-digit codes (13xx). */
const CITIES: readonly [string, string][] = [
  ['01', '石家庄市'],
  ['02', '唐山市'],
  ['03', '秦皇岛市'],
  ['04', '邯郸市'],
  ['05', '邢台市'],
  ['06', '保定市'],
  ['07', '张家口市'],
  ['08', '承德市'],
  ['09', '沧州市'],
  ['10', '廊坊市'],
  ['11', '衡水市'],
];

/** District and county names; a city's n-th district takes the n-th name. */
const DISTRICT_NAMES = [
  '中心区', '新华区', '桥西区', '桥东区', '开发区', '高新区', '运河区', '海港区', '丛台区', '复兴区',
  '路南区', '路北区', '丰南区', '丰润区', '竞秀区', '莲池区', '满城区', '安次区', '广阳区', '双桥区',
  '东城区', '西城区', '南城区', '北城区', '经济技术开发区',
];

/** The most districts the name lists give (11 cities × 25 names). */
export const DISTRICT_CAPACITY = CITIES.length * DISTRICT_NAMES.length;

/** Budget departments of a district government, in the order they are used. */
const UNITS = [
  '区委办公室', '区政府办公室', '区委组织部', '区委宣传部', '区委统战部', '区委政法委员会', '区委社会工作部',
  '区纪委监委', '区人大常委会办公室', '区政协办公室', '发展和改革局', '教育局', '科学技术和工业信息化局',
  '公安分局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源和规划局', '住房和城乡建设局',
  '交通运输局', '水务局', '农业农村局', '乡村振兴局', '商务局', '文化广电和旅游局', '卫生健康局',
  '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '城市管理综合行政执法局',
  '行政审批局', '信访局', '机关事务服务中心', '档案馆', '图书馆', '疾病预防控制中心', '妇幼保健院', '人民医院',
  '中医院', '融媒体中心', '数据和政务服务局', '林业局', '生态环境分局', '总工会', '团委', '妇女联合会',
  '残疾人联合会', '科学技术协会', '工商业联合会', '红十字会',
];
const STREETS = ['希望路', '学院路', '新华道', '建设路', '友谊里', '光明路', '文化路', '胜利路', '和平路', '幸福里', '人民路', '解放路', '朝阳路', '育才路', '北新道'];

const PROVINCE: Region = { code: '130000', name: '河北省', parentCode: null, level: 'province' };

/** The region tree of these districts: the province, the cities they lie in, the districts (codes in order). */
export function provinceRegions(districts: readonly District[]): Region[] {
  const cities = new Map<string, string>();
  for (const d of districts) {
    const city = CITIES.find(([code]) => code === d.code.slice(2, 4))!;
    cities.set(`13${city[0]}00`, city[1]);
  }
  const out: Region[] = [PROVINCE];
  for (const [code, name] of [...cities].sort(([a], [b]) => a.localeCompare(b))) out.push({ code, name, parentCode: PROVINCE.code, level: 'city' });
  for (const d of [...districts].sort((a, b) => a.code.localeCompare(b.code))) out.push({ code: d.code, name: d.name, parentCode: `${d.code.slice(0, 4)}00`, level: 'county' });
  return out;
}

/** The districts of a province of `count` districts: codes 13CCDD, names 市 + 区. */
export function provinceDistricts(count: number): District[] {
  if (!Number.isInteger(count) || count < 1 || count > DISTRICT_CAPACITY) throw new Error(`districts must be 1–${DISTRICT_CAPACITY}`);
  return Array.from({ length: count }, (_, i) => {
    const [cityCode, cityName] = CITIES[i % CITIES.length]!;
    const n = Math.floor(i / CITIES.length);
    return { code: `13${cityCode}${String(n + 2).padStart(2, '0')}`, name: `${cityName}${DISTRICT_NAMES[n]}` };
  });
}

/**
 * The 主管部门 of a district's units (二级单位), by the unit's place in UNITS (schools, after the street offices,
 * are the 教育局's): hospitals and disease control under the 卫生健康局, the library under the 文化广电和旅游局, the
 * archives under the 区委办公室, the media centre under the 区委宣传部.
 */
const SUPERVISOR_OF: Record<string, string> = {
  图书馆: '文化广电和旅游局',
  档案馆: '区委办公室',
  疾病预防控制中心: '卫生健康局',
  妇幼保健院: '卫生健康局',
  人民医院: '卫生健康局',
  中医院: '卫生健康局',
  融媒体中心: '区委宣传部',
};

/** The place in UNITS of the n-th department's 主管部门, or null for a department that is none's unit. */
function supervisorIndex(n: number): number | null {
  if (n < UNITS.length) {
    const parent = SUPERVISOR_OF[UNITS[n]!];
    return parent === undefined ? null : UNITS.indexOf(parent);
  }
  return n - UNITS.length < STREETS.length ? null : UNITS.indexOf('教育局');
}

/** The n-th department name of a district: its bureaus, then street offices, then schools. */
function departmentName(district: District, n: number): string {
  if (n < UNITS.length) {
    const unit = UNITS[n]!;
    return unit.startsWith('区') ? `${district.name}${unit.slice(1)}` : `${district.name}${unit}`;
  }
  const street = n - UNITS.length;
  if (street < STREETS.length) return `${district.name}${STREETS[street]}街道办事处`;
  return `${district.name}第${n - UNITS.length - STREETS.length + 1}中学`;
}

/** A generated document with its district and, for a unit (二级单位), its 主管部门's code. */
export type ProvinceDocument = GeneratedDocument & { district: District; supervisorCode: string | null };

/**
 * The documents of a province, one per department and year, generated one at a time (a province's
 * text need not be held in memory at once). Departments are dealt to the districts in turn; each
 * department code is unique and starts with nothing of the district's, as real unit codes do; a
 * department has the same number of tables each year.
 */
export function* generateProvince(harvest: Harvest, opts: ProvinceOptions): Generator<ProvinceDocument> {
  const min = opts.minTables ?? 10;
  const max = opts.maxTables ?? 40;
  const years = opts.years ?? 1;
  if (!Number.isInteger(opts.projects) || opts.projects < 1) throw new Error('projects must be a positive integer');
  if (min < 1 || max < min) throw new Error('tables per department must satisfy 1 ≤ min ≤ max');
  if (!Number.isInteger(years) || years < 1 || years > 10) throw new Error('years must be 1–10');
  const districts = provinceDistricts(opts.districts ?? Math.min(DISTRICT_CAPACITY, Math.max(1, Math.round(opts.projects / years / 1000))));
  const rng = new Rng(opts.seed);
  const usedCodes = new Set<string>();
  const perDistrict = new Map<string, number>();
  // the departments' codes by district and place in UNITS, for their units to name them
  const codes = new Map<string, string>();
  let remaining = opts.projects;
  let serial = 0;
  for (let d = 0; remaining > 0; d++) {
    const district = districts[d % districts.length]!;
    const n = perDistrict.get(district.code) ?? 0;
    perDistrict.set(district.code, n + 1);
    let deptCode: string;
    do deptCode = String(rng.int(100_001, 999_999));
    while (usedCodes.has(deptCode));
    usedCodes.add(deptCode);
    codes.set(`${district.code}|${n}`, deptCode);
    const parent = supervisorIndex(n);
    const supervisorCode = parent === null ? null : (codes.get(`${district.code}|${parent}`) ?? null);
    const tables = rng.int(min, max);
    for (let y = years - 1; y >= 0 && remaining > 0; y--) {
      const year = opts.year - y;
      const spec = { region: district.code, deptCode, deptName: departmentName(district, n), year, tables: Math.min(remaining, tables), file: `${district.code}_${deptCode}_${year}.txt` };
      const doc = generateDocument(rng, harvest, spec, serial);
      serial += doc.projects.length;
      remaining -= doc.projects.length;
      yield { ...doc, district, supervisorCode };
    }
  }
}

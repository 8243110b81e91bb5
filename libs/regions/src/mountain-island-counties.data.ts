/**
 * 山区海岛县: the counties where the notice's lowered investment thresholds apply. This is the seed of
 * the admin-editable table `mountain_island_counties` (migration 1764063000000); the table, not this
 * list, is what the pre-check reads, so a county added or removed by the admin takes effect at once.
 *
 * Only counties with a citable source are listed. The 26 山区县 are those of
 * 《浙江省山区26县跨越式高质量发展实施方案（2021—2025年）》 (衢州 6, 丽水 9, 温州 5, 台州 3, 金华 2,
 * 杭州 淳安). The text of the plan could not be retrieved when this data was written, so the list
 * (and the plan's document number, not given here) should be checked against it by the programme
 * office; the admin routes correct it without a release. The 海岛县 the notice adds are left for the
 * admin to enter with the source the notice cites: no official list of them could be checked.
 */
export interface DesignatedCounty {
  readonly code: string;
  readonly name: string;
  readonly source: string;
}

export const MOUNTAIN_26_SOURCE = '《浙江省山区26县跨越式高质量发展实施方案（2021—2025年）》（山区26县）';

const mountain = (code: string, name: string): DesignatedCounty => ({ code, name, source: MOUNTAIN_26_SOURCE });

export const MOUNTAIN_ISLAND_COUNTIES: readonly DesignatedCounty[] = [
  mountain('330127', '淳安县'),
  mountain('330324', '永嘉县'),
  mountain('330326', '平阳县'),
  mountain('330327', '苍南县'),
  mountain('330328', '文成县'),
  mountain('330329', '泰顺县'),
  mountain('330723', '武义县'),
  mountain('330727', '磐安县'),
  mountain('330802', '柯城区'),
  mountain('330803', '衢江区'),
  mountain('330822', '常山县'),
  mountain('330824', '开化县'),
  mountain('330825', '龙游县'),
  mountain('330881', '江山市'),
  mountain('331022', '三门县'),
  mountain('331023', '天台县'),
  mountain('331024', '仙居县'),
  mountain('331102', '莲都区'),
  mountain('331121', '青田县'),
  mountain('331122', '缙云县'),
  mountain('331123', '遂昌县'),
  mountain('331124', '松阳县'),
  mountain('331125', '云和县'),
  mountain('331126', '庆元县'),
  mountain('331127', '景宁畲族自治县'),
  mountain('331181', '龙泉市'),
];

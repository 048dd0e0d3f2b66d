import {
  type AdjustMethod,
  BUILTIN_SCENARIOS,
  BUILTIN_STRATEGIES,
  type Channel,
  type Report,
  roiNote,
} from "../sim/index.ts";
import { lang, t } from "./i18n.ts";

/*
 * The domain's words in the language shown, for text the engine hands over in English (ids of
 * stages and depths, report rows, metric labels, engine messages). The engine's words stay English:
 * the CLI shares them. Chinese uses the terms Chinese teams use (DOMAIN.md): 磨合期, 稳定期, 企微, 社群 …
 */

const STAGE_ZH: Readonly<Record<string, string>> = {
  "break-in": "磨合期",
  stable: "稳定期",
  declining: "退化期",
  lapsed: "流失期",
  churned: "已流失",
};

const DEPTH_ZH: Readonly<Record<string, string>> = {
  basic: "基础用户",
  member: "未购会员",
  purchased: "已购会员",
  repeat: "复购会员",
  koc: "品牌 KOC",
};

const CHANNEL_EN: Readonly<Record<Channel, string>> = {
  officialAccount: "Official account",
  wecom: "WeCom",
  sms: "SMS",
  community: "Community",
  miniProgram: "Mini program",
};

const CHANNEL_ZH: Readonly<Record<Channel, string>> = {
  officialAccount: "公众号",
  wecom: "企微",
  sms: "短信",
  community: "社群",
  miniProgram: "小程序",
};

const KIND_ZH: Readonly<Record<string, string>> = {
  welcome: "欢迎",
  story: "品牌故事",
  benefit: "利益点",
  "hard-sell": "硬转化",
  reminder: "提醒",
  value: "价值内容",
  "win-back": "召回",
};

/** A lifecycle stage (an id of STAGES) as shown: the id in English, 磨合期 … in Chinese. */
export const stageName = (stage: string): string =>
  lang() === "zh" ? (STAGE_ZH[stage] ?? stage) : stage;

/** A relationship depth (an id of DEPTHS) as shown. */
export const depthName = (depth: string): string =>
  lang() === "zh" ? (DEPTH_ZH[depth] ?? depth) : depth;

/** An owned channel as shown: "WeCom", "企微". */
export const channelName = (channel: Channel): string =>
  (lang() === "zh" ? CHANNEL_ZH : CHANNEL_EN)[channel] ?? channel;

/** A message kind as shown: the playbook's word in English, 欢迎 … in Chinese. */
export const kindName = (kind: string): string =>
  lang() === "zh" ? (KIND_ZH[kind] ?? kind) : kind;

/** A p-value adjustment as shown. */
export function adjustName(adjust: AdjustMethod): string {
  switch (adjust) {
    case "holm":
      return "Holm";
    case "BH":
      return "Benjamini–Hochberg";
    case "bonferroni":
      return "Bonferroni";
    default:
      return t("none (raw p)", "不校正（原始 p）");
  }
}

/** A playbook's or scenario's name for a person: its Chinese name in Chinese when it has one. */
export const localName = (thing: { name: string; nameZh?: string }): string =>
  lang() === "zh" && thing.nameZh ? thing.nameZh : thing.name;

/** A playbook's or scenario's description, Chinese in Chinese when it has one. */
export const localDescription = (thing: { description?: string; descriptionZh?: string }) =>
  (lang() === "zh" && thing.descriptionZh ? thing.descriptionZh : thing.description) ?? "";

/** The name of a report's arm: the built-in playbook's Chinese name in Chinese, else the report's. */
export function strategyName(id: string, name: string): string {
  const builtin = BUILTIN_STRATEGIES.find((s) => s.id === id);
  return builtin && builtin.name === name ? localName(builtin) : name;
}

/** The name of a report's scenario, as `strategyName`. */
export function scenarioName(report: Report): string {
  const builtin = BUILTIN_SCENARIOS.find((s) => s.id === report.scenario);
  if (builtin && builtin.name === report.scenarioName) return localName(builtin);
  return localName({ name: report.scenarioName, nameZh: report.scenarioNameZh });
}

/**
 * A message of the engine's validation (InputError, the CLI's words naming the field path): as is
 * in English, after a Chinese lead-in in Chinese, since the message itself stays English.
 */
export const engineMessage = (message: string): string =>
  message === "" ? "" : t(message, `输入有误：${message}`);

/** The per-arm table's row labels (sim/report/rows.ts), by the engine's English label. */
const ROW_ZH: [RegExp, string][] = [
  [/^incremental ROI vs control$/, "相对对照组的增量 ROI"],
  [/^incremental revenue per member vs control \(¥\)$/, "相对对照组的人均增量收入（¥）"],
  [/^incremental cost per member vs control \(¥\)$/, "相对对照组的人均增量成本（¥）"],
  [/^incremental net CLV per member vs control \(¥\)$/, "相对对照组的人均增量净 CLV（¥）"],
  [/^members \(randomised\)$/, "会员数（随机分组）"],
  [/^members brought by referral$/, "转介绍带来的会员"],
  [/^retention day (\d+)$/, "第 $1 天留存"],
  [/^churn: natural$/, "流失：自然流失"],
  [/^churn: over-messaging$/, "流失：过度营销"],
  [/^proxy: lapsed (\d*) days$/, "代理指标：$1 天无活动"],
  [/^opted out of a channel$/, "退订了某个渠道"],
  [/^reachable pool at horizon$/, "期末可触达私域池"],
  [/^converted \(≥ 1 purchase\)$/, "转化（≥ 1 次购买）"],
  [/^purchases$/, "购买次数"],
  [/^revenue per member \(¥\)$/, "人均收入（¥）"],
  [/^revenue per member, own \(¥\)$/, "人均收入，本人（¥）"],
  [/^CLV per member, gross \(¥\)$/, "人均 CLV，毛（¥）"],
  [/^CLV per member, net \(¥\)$/, "人均 CLV，净（¥）"],
  [/^messages per member$/, "人均消息数"],
  [/^cost \(¥\)$/, "成本（¥）"],
  [/^ROI$/, "普通 ROI"],
  [/^instant ROI \(first (\d*) days\)$/, "即时 ROI（前 $1 天）"],
  [/^revenue from top 20 % members$/, "前 20 % 会员贡献的收入"],
];

/**
 * A label of the engine's report (a per-arm table row, an A/B metric) in the language shown; a
 * label it does not know stays as the engine wrote it.
 */
export function reportLabel(label: string): string {
  if (lang() !== "zh") return label;
  for (const [pattern, zh] of ROW_ZH) if (pattern.test(label)) return label.replace(pattern, zh);
  return label;
}

/** The note under the per-arm table on what ROI counts (sim/report/rows.ts's roiNote). */
export function roiNoteText(report: Report): string {
  const en = roiNote(report);
  if (lang() !== "zh") return en;
  return en.startsWith("Incremental rows")
    ? "增量行：每个随机分组会员，减去对照组。普通 ROI 计入了即使不做运营也会有的基线收入；增量 ROI 不计入。"
    : "普通 ROI 计入了即使不做运营也会有的基线收入：加入对照组（control）才能得到增量 ROI。";
}

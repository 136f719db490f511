import { describe, expect, it } from 'vitest';
import { numberingIssues, splitCell, type LineFix } from './split.js';

const L = (...texts: string[]) => texts.map((text, i) => ({ line: 100 + i, text }));

describe('splitCell', () => {
  it('makes one requirement per numbered item, numbering removed', () => {
    const segs = splitCell(L('1.应具备信息安全意识。', '2. 应制定信息安全政策。'));
    expect(segs.map((s) => [s.number, s.text, s.lines])).toEqual([
      [1, '应具备信息安全意识。', [100]],
      [2, '应制定信息安全政策。', [101]],
    ]);
  });

  it('splits several items on one line', () => {
    const segs = splitCell(L('1.在流程诊断方面，确定环节；2.应使用信息技术手段；'));
    expect(segs.map((s) => s.text)).toEqual(['在流程诊断方面，确定环节；', '应使用信息技术手段；']);
    expect(segs[1]!.flags).toContain('inline-numbering');
    expect(segs[1]!.lines).toEqual([100]);
  });

  it('joins a line that continues an unfinished sentence, even mid-word', () => {
    const segs = splitCell(L('1.应构建面向业务服务管', '理的基础设施资源支撑体系；', '2.应建立按需协同能力'));
    expect(segs.map((s) => s.text)).toEqual([
      '应构建面向业务服务管理的基础设施资源支撑体系；',
      '应建立按需协同能力',
    ]);
    expect(segs[0]!.lines).toEqual([100, 101]);
    expect(segs[0]!.flags).toEqual(['joined-line-break']);
  });

  it('takes an unnumbered line after a finished sentence as a requirement of its own', () => {
    const segs = splitCell(L('5.研发部门开始沟通，但协同效率较低。', '初步意识到创新的重要性。'));
    expect(segs).toHaveLength(2);
    expect(segs[1]).toMatchObject({ number: null, text: '初步意识到创新的重要性。', flags: ['unnumbered'] });
  });

  it('keeps a cell without numbering as one requirement per line', () => {
    const segs = splitCell(L('应建立产品质量管理制度。'));
    expect(segs).toEqual([
      { number: null, text: '应建立产品质量管理制度。', examples: [], lines: [100], flags: [] },
    ]);
  });

  it('takes the text of a number standing alone from the next line', () => {
    const segs = splitCell(L('3.部署监测设备。', '4.', '初步识别高能耗风险。'));
    expect(segs.map((s) => [s.number, s.text, s.lines])).toEqual([
      [3, '部署监测设备。', [100]],
      [4, '初步识别高能耗风险。', [101, 102]],
    ]);
    expect(segs[1]!.flags).toEqual(['number-alone']);
  });

  it('attaches examples to the previous requirement', () => {
    const segs = splitCell(
      L('1.应建立数据资产管理机制；', '示例：如数据资产识别、确权。', '2.应全面建立数据资产台账。'),
    );
    expect(segs).toHaveLength(2);
    expect(segs[0]).toMatchObject({ examples: ['如数据资产识别、确权。'], lines: [100, 101] });
    expect(() => splitCell(L('示例：孤立的示例'))).toThrow(/example without a requirement/);
  });

  it('refuses a numbered item without text', () => {
    expect(() => splitCell(L('3.质量集成。', '4.'))).toThrow(/line 101: empty requirement/);
  });

  it('applies line fixes: ignore, append to previous, replace', () => {
    const fixes = new Map<number, LineFix>([
      [101, { appendToPrevious: true }],
      [102, { ignore: true }],
      [103, { replace: [{ find: '系统，3.实现', replace: '系统，实现' }] }],
    ]);
    const segs = splitCell(
      L('4.引入外部方案。', '4.与发展。', '5.', '2.构建生态系统，3.实现共享。', '利用实时数据。'),
      fixes,
    );
    expect(segs.map((s) => [s.text, s.lines])).toEqual([
      ['引入外部方案。与发展。', [100, 101]],
      ['构建生态系统，实现共享。', [103]],
      ['利用实时数据。', [104]],
    ]);
    expect(segs[0]!.flags).toContain('appended-fragment');
    expect(() =>
      splitCell(L('1.其他文字'), new Map([[100, { replace: [{ find: 'xx', replace: '' }] }]])),
    ).toThrow(/correction text "xx" not found/);
  });
});

describe('numberingIssues', () => {
  it('reports gaps and repeats, ignoring unnumbered requirements', () => {
    const segs = splitCell(L('1.一。', '2.二。', '三。', '5.五。', '5.又五。'));
    expect(numberingIssues(segs)).toEqual([
      'line 103: number 5 where 3 was expected',
      'line 104: number 5 where 6 was expected',
    ]);
    expect(numberingIssues(splitCell(L('1.一。', '2.二。')))).toEqual([]);
  });
});

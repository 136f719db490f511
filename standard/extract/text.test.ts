import { describe, expect, it } from 'vitest';
import {
  clean,
  collapseSpaces,
  endsSentence,
  exampleText,
  removeBookmarks,
  splitInlineNumbering,
  stripNumbering,
  toLines,
} from './text.js';

describe('toLines', () => {
  it('numbers lines from 1, handles CRLF, and ignores the final newline', () => {
    expect(toLines('a\r\nb\n\nc\n')).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: '' },
      { line: 4, text: 'c' },
    ]);
  });
});

describe('cleaning', () => {
  it('removes bookmark markers and trims, including the ideographic space', () => {
    expect(removeBookmarks('[bookmark: _Toc1][bookmark: _Toc2]范围')).toBe('范围');
    expect(clean(' \t[bookmark: _Hlk1]附录\u3000 ')).toBe('附录');
    expect(collapseSpaces('附  录 A\t标准')).toBe('附 录 A 标准');
  });
});

describe('stripNumbering', () => {
  it.each([
    ['1.应建立', 1, 'dot', '应建立'],
    ['2. 应制定', 2, 'dot', '应制定'],
    ['1．应利用', 1, 'dot', '应利用'],
    ['3、应', 3, 'dot', '应'],
    ['1.\t建立规范化客户服务制度；', 1, 'dot', '建立规范化客户服务制度；'],
    ['10.\t应通过信息系统', 10, 'dot', '应通过信息系统'],
    ['（1）应', 1, 'paren', '应'],
    ['(2) 应', 2, 'paren', '应'],
    ['3应用自动化工作流技术', 3, 'bare', '应用自动化工作流技术'],
    ['4.', 4, 'dot', ''],
  ] as const)('%s → %s', (input, number, kind, rest) => {
    expect(stripNumbering(input)).toEqual({ number, kind, rest });
  });

  it('leaves unnumbered text and decimal numbers alone', () => {
    expect(stripNumbering('应建立客户服务体系')).toEqual({
      number: null,
      kind: null,
      rest: '应建立客户服务体系',
    });
    expect(stripNumbering('0.8≤S').number).toBeNull();
    expect(stripNumbering('7.2.4c)的规定').number).toBeNull();
    expect(stripNumbering('RS232接口').number).toBeNull();
  });
});

describe('splitInlineNumbering', () => {
  it('splits where a numbered item starts after a clause delimiter', () => {
    expect(splitInlineNumbering('1.在流程诊断方面，确定需要改进的环节；2.应使用信息技术手段；；')).toEqual([
      '1.在流程诊断方面，确定需要改进的环节；',
      '2.应使用信息技术手段；；',
    ]);
    expect(splitInlineNumbering('建设；4.在数字化转型合作')).toEqual(['建设；', '4.在数字化转型合作']);
    expect(splitInlineNumbering('生态系统，3.实现资源共享')).toEqual(['生态系统，', '3.实现资源共享']);
  });

  it('does not split section references or numbers inside words', () => {
    const s = '应符合GB/T36073-2018中7.1.4c)、7.2.4c)和7.3.4c）的规定；';
    expect(splitInlineNumbering(s)).toEqual([s]);
    expect(splitInlineNumbering('大于80%，拉缸式')).toEqual(['大于80%，拉缸式']);
    expect(splitInlineNumbering('50KW以上的电机')).toEqual(['50KW以上的电机']);
  });
});

describe('endsSentence / exampleText', () => {
  it('recognizes finished sentences', () => {
    expect(endsSentence('确保数据使用合法合规。')).toBe(true);
    expect(endsSentence('原材料检验规范；')).toBe(true);
    expect(endsSentence('应构建面向业务服务管')).toBe(false);
    expect(endsSentence('检测评估')).toBe(false);
  });

  it('recognizes example lines, also with the typo "示例；"', () => {
    expect(exampleText('示例：如数据权属保护等。')).toBe('如数据权属保护等。');
    expect(exampleText('示例；如业务贡献度等。')).toBe('如业务贡献度等。');
    expect(exampleText('应建立示例库。')).toBeNull();
  });
});

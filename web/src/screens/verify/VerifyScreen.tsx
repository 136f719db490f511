/**
 * The public verification page (/verify/<code>, no login): what the certificate shows, checked by the platform
 * against the sealed result — or that it was withdrawn, or that no certificate has the code. A number typed in is
 * checked against the certificate of the code.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Input from 'antd/es/input';
import Result from 'antd/es/result';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Typography from 'antd/es/typography';
import { api, ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n, type Lang } from '../../i18n/i18n';

export default function VerifyScreen({ code }: { code: string }) {
  const { t, lang, setLang } = useI18n();
  const [number, setNumber] = useState<string>();
  const [typed, setTyped] = useState('');
  const q = useApi(
    (signal) => api('GET /api/verify/:code', { params: { code }, query: number ? { number } : {}, signal }),
    [code, number],
  );
  const v = q.data;
  const err = q.error instanceof ApiError ? q.error : undefined;
  return (
    <div style={{ minHeight: '100%', background: '#f0f2f5', padding: '32px 12px' }}>
      <Card style={{ maxWidth: 720, margin: '0 auto' }} data-testid="verify">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('verify.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('verify.subtitle')}</Typography.Text>
            </div>
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { label: '中文', value: 'zh' },
                { label: 'EN', value: 'en' },
              ]}
            />
          </Space>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {t('cert.code')}：{code}
          </Typography.Text>
          {q.loading && <Spin />}
          {err?.code === 'NOT_FOUND' && (
            <Result status="error" title={<span data-testid="verify-state">{t('verify.notFound')}</span>} />
          )}
          {err?.code === 'RATE_LIMITED' && (
            <Alert
              type="warning"
              showIcon
              message={t('verify.rateLimited', { s: String(err.params?.retryAfter ?? 60) })}
            />
          )}
          {q.error && !err && <Alert type="error" showIcon message={q.error.message} />}
          {err && err.code !== 'NOT_FOUND' && err.code !== 'RATE_LIMITED' && (
            <Alert type="error" showIcon message={err.message} />
          )}
          {v && (
            <>
              <Result
                status={v.state === 'valid' ? 'success' : v.state === 'expired' ? 'warning' : 'error'}
                title={<span data-testid="verify-state">{t(`verify.${v.state}`)}</span>}
                subTitle={
                  v.state === 'withdrawn' && v.withdrawnOn
                    ? t('verify.withdrawnOn', { at: v.withdrawnOn })
                    : `${t('cert.number')}：${v.number}`
                }
                style={{ padding: '8px 0' }}
              />
              {v.numberMatches !== undefined && (
                <Alert
                  type={v.numberMatches ? 'success' : 'error'}
                  showIcon
                  message={t(v.numberMatches ? 'verify.numberOk' : 'verify.numberMismatch')}
                />
              )}
              {v.certificate && (
                <Descriptions bordered size="small" column={1}>
                  <Descriptions.Item label={t('cert.number')}>{v.number}</Descriptions.Item>
                  <Descriptions.Item label={t('verify.enterprise')}>
                    {v.certificate.enterprise}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('verify.industry')}>
                    {t(`industry.${v.certificate.industry}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('verify.conclusion')}>
                    <Typography.Text strong>{v.certificate.conclusion}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('verify.total')}>{v.certificate.total}</Descriptions.Item>
                  <Descriptions.Item label={t('verify.model')}>
                    {v.certificate.modelTitle}（{v.certificate.modelId}）
                  </Descriptions.Item>
                  <Descriptions.Item label={t('verify.body')}>{v.certificate.body}</Descriptions.Item>
                  <Descriptions.Item label={t('cert.issued')}>{v.certificate.issuedOn}</Descriptions.Item>
                  <Descriptions.Item label={t('cert.validUntil')}>
                    {v.certificate.validUntil}
                  </Descriptions.Item>
                </Descriptions>
              )}
              <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
                <Input
                  placeholder={t('cert.number')}
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                  onPressEnter={() => setNumber(typed.trim() || undefined)}
                  data-testid="verify-number"
                />
                <Button onClick={() => setNumber(typed.trim() || undefined)}>
                  {t('verify.checkNumber')}
                </Button>
              </Space.Compact>
              <Typography.Text type="secondary">{t('verify.note')}</Typography.Text>
            </>
          )}
        </Space>
      </Card>
    </div>
  );
}

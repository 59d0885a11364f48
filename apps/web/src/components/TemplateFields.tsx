import { Field } from './Field';
import type { Template } from '../generation/model';

/** The inputs a template asks for, drawn from its field list (the API validates them again). */
export function TemplateFields({
  template,
  errors,
}: {
  template: Pick<Template, 'fields'>;
  errors: Record<string, string>;
}) {
  return (
    <>
      {template.fields.map((field) =>
        field.kind === 'select' ? (
          <div className="field" key={field.name}>
            <label htmlFor={`field-${field.name}`}>{field.label}</label>
            <select id={`field-${field.name}`} name={field.name} defaultValue={field.options?.[0]}>
              {field.options?.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
            {errors[field.name] && <p className="field-error">{errors[field.name]}</p>}
          </div>
        ) : (
          <Field
            key={field.name}
            label={field.label}
            name={field.name}
            required={field.required}
            maxLength={field.max_length ?? undefined}
            placeholder={field.placeholder ?? undefined}
            error={errors[field.name]}
          />
        ),
      )}
    </>
  );
}

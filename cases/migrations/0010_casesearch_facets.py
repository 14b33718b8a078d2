"""Facet columns on the search document, the document kept inline, a name lexicon.

Documents are read for every phrase check, every ranked candidate and every sampled count:
stored inline (STORAGE MAIN, lz4) they are read without TOAST lookups. With the default
storage, a row over 2 kB moved even the small arrays out, and every filter on them paid a
TOAST lookup. Existing rows are filled (and rewritten) by the rebuild in 0011.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

# Everything a search reads row by row stays in the row; only the snippet text (body) may
# move out to TOAST storage.
INLINE = (
    "document", "names", "record_kinds", "record_dates", "statement_orgs", "tags", "charges",
)  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_search_documents"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="casesearch",
            name="casesearch_activity",
        ),
        migrations.AddField(
            model_name="casesearch",
            name="charges",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="casesearch",
            name="first_date",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="casesearch",
            name="host_country",
            field=models.CharField(default="", max_length=2),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="casesearch",
            name="origin_country",
            field=models.CharField(blank=True, max_length=2),
        ),
        migrations.AddField(
            model_name="casesearch",
            name="sample",
            field=models.SmallIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="casesearch",
            name="status",
            field=models.CharField(default="", max_length=20),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="casesearch",
            name="tags",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=50), default=list, size=None
            ),
        ),
        migrations.AddIndex(
            model_name="casesearch",
            index=models.Index(
                models.OrderBy(models.F("last_activity"), descending=True, nulls_last=True),
                models.F("case"),
                name="casesearch_activity",
            ),
        ),
        migrations.AddIndex(
            model_name="casesearch",
            index=models.Index(fields=["first_date", "case"], name="casesearch_first_date"),
        ),
        migrations.AddIndex(
            model_name="casesearch",
            index=models.Index(fields=["host_country"], name="casesearch_host"),
        ),
        migrations.AddIndex(
            model_name="casesearch",
            index=models.Index(fields=["origin_country"], name="casesearch_origin"),
        ),
        migrations.AddIndex(
            model_name="casesearch",
            index=models.Index(fields=["status"], name="casesearch_status"),
        ),
        migrations.AddIndex(
            model_name="casesearch",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["tags"], name="casesearch_tags_gin"
            ),
        ),
        migrations.AddIndex(
            model_name="casesearch",
            index=models.Index(
                fields=["sample"],
                include=[
                    "host_country",
                    "origin_country",
                    "status",
                    "record_kinds",
                    "statement_orgs",
                    "tags",
                    "charges",
                ],
                name="casesearch_sample",
            ),
        ),
        migrations.RunSQL(
            "ALTER TABLE cases_casesearch "
            + ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in INLINE)
            + ", ALTER COLUMN document SET COMPRESSION lz4, ALTER COLUMN body SET COMPRESSION lz4;",
            "ALTER TABLE cases_casesearch "
            + ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in INLINE)
            + ", ALTER COLUMN document SET COMPRESSION default"
            + ", ALTER COLUMN body SET COMPRESSION default;",
        ),
        # Typos are corrected against a lexicon of name words (filled by 0011), which
        # replaces trigram matching over every document's names.
        migrations.CreateModel(
            name="NameWord",
            fields=[
                ("word", models.CharField(max_length=200, primary_key=True, serialize=False)),
            ],
        ),
        migrations.RemoveIndex(model_name="casesearch", name="casesearch_names_trgm"),
        migrations.AddIndex(
            model_name="nameword",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["word"], name="nameword_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
    ]

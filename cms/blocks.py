"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Pages have one main title; headings here start one level below it."),
        search_index=False,  # its label ("Section heading") is not the page's text
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class SectionLinkBlock(blocks.StructBlock):
    """A card that leads to one section of the site."""

    page = blocks.PageChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=80, help_text=_("Leave empty to use the page's title.")
    )
    description = blocks.TextBlock(required=False, max_length=300)

    class Meta:
        icon = "link"
        template = "blocks/section_link_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
    )
    quote = QuoteBlock()

    class Meta:
        template = "blocks/body_block.html"


class SectionLinksBlock(blocks.StreamBlock):
    section = SectionLinkBlock()
